/**
 * lightyear_api_key through the real terraform, our provider and the local cloud over HTTP: every argument,
 * equivalent spellings, each replacing argument, import (the secret is not exposed), config generation,
 * revocation behind Terraform's back, expiry (planned re-creation), plan-time errors on their attributes,
 * and that the key made actually works, from where it may, with exactly its permissions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LightyearClient } from '../../../src/client';
import { BOOTSTRAP_KEY_NAME } from '../../../src/cloud/bootstrap';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';
import {
  expectEmptyPlan,
  mustRun,
  plannedActions,
  resourceTest,
  stateValues,
  type Workspace,
} from './resource-test';

const ADDRESS = 'lightyear_api_key.ci';

/** An RFC 3339 time `hours` from now, whole seconds, in the API's spelling (`...T12:00:00.000Z`). */
function hoursFromNow(hours: number): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000 + hours * 3_600_000).toISOString();
}

interface KeyArgs {
  readonly name?: string;
  readonly permissions?: readonly string[];
  readonly expiresAt?: string;
  readonly allowedIps?: readonly string[];
}

function keyConfig(args: KeyArgs): string {
  const lines = [
    `  name        = ${JSON.stringify(args.name ?? 'ci-pipeline')}`,
    `  permissions = ${JSON.stringify(args.permissions ?? ['ssh_keys:read', 'instances:read'])}`,
    ...(args.expiresAt === undefined ? [] : [`  expires_at  = ${JSON.stringify(args.expiresAt)}`]),
    ...(args.allowedIps === undefined ? [] : [`  allowed_ips = ${JSON.stringify(args.allowedIps)}`]),
  ];
  return `${TERRAFORM_BLOCK}
resource "lightyear_api_key" "ci" {
${lines.join('\n')}
}

output "ci_key" {
  value     = lightyear_api_key.ci.secret
  sensitive = true
}
`;
}

function asWorkspace(lw: LightyearWorkspace): Workspace {
  return { writeFiles: (files) => lw.ws.writeFiles(files), tf: (args, options) => lw.tf(args, options) };
}

/** Only the bootstrap key is left: whatever Terraform made is revoked. */
async function expectOnlyBootstrapKey(lw: LightyearWorkspace): Promise<void> {
  expect((await lw.client.apiKeys.listAll()).map((k) => k.name)).toEqual([BOOTSTRAP_KEY_NAME]);
}

/** A client that authenticates with `secret` (as a pipeline given the key would). */
async function withKey<T>(lw: LightyearWorkspace, secret: string, use: (c: LightyearClient) => Promise<T>) {
  const client = new LightyearClient({ apiKey: secret, endpoint: lw.cloud.url, maxRetries: 0 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** Six steps of plan, apply, plan and import on a shared 2-core machine: minutes, past the e2e default. */
const LONG_TEST_MS = 600_000;

describe('lightyear_api_key lifecycle', () => {
  let lw: LightyearWorkspace;
  const expiresAt = hoursFromNow(24);

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(asWorkspace(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it(
    'creates a working, scoped key; equivalent spellings plan empty; import hides the secret; each argument replaces',
    async () => {
      const all: KeyArgs = {
        permissions: ['ssh_keys:read', 'instances:read'],
        expiresAt,
        allowedIps: ['127.0.0.1/32', '::/0', '10.0.0.0/8'],
      };
      let firstSecret = '';
      let firstId = '';
      await resourceTest(
        asWorkspace(lw),
        [
          {
            // Every argument set, in the API's own spelling.
            config: keyConfig(all),
            expectActions: { [ADDRESS]: ['create'] },
            check: async (state) => {
              const key = state[ADDRESS]!;
              firstSecret = key.secret as string;
              firstId = key.id as string;
              expect(firstSecret).toMatch(/^ly_[0-9A-Za-z]{40}$/);
              expect(key).toMatchObject({
                name: 'ci-pipeline',
                prefix: firstSecret.slice(0, 9),
                expires_at: expiresAt,
                last_used_at: null,
              });
              expect(key.id).toMatch(/^key_/);
              expect(key.created_at).toMatch(/Z$/);
              // The key works from here (127.0.0.1 is allowed) with exactly what it was given.
              await withKey(lw, firstSecret, async (c) => {
                await expect(c.sshKeys.list()).resolves.toBeDefined();
                await expect(c.instances.list()).resolves.toBeDefined();
                await expect(
                  c.sshKeys.create({ name: 'nope', public_key: 'ssh-ed25519 AAAA' }),
                ).rejects.toMatchObject({ code: 'forbidden' });
                await expect(c.firewalls.list()).rejects.toMatchObject({ code: 'forbidden' });
                await expect(c.apiKeys.list()).rejects.toMatchObject({ code: 'forbidden' });
              });
              // A refresh keeps the secret the API will never show again.
              await mustRun(asWorkspace(lw), [
                'apply',
                '-refresh-only',
                '-auto-approve',
                '-no-color',
                '-input=false',
              ]);
              const refreshed = (await stateValues(asWorkspace(lw)))[ADDRESS]!;
              expect(refreshed.secret).toBe(firstSecret);
              expect(refreshed.last_used_at).not.toBeNull();
            },
            // Import fills every attribute but the secret, which the API cannot tell again.
            importVerify: [{ address: ADDRESS, ignore: ['secret', 'last_used_at'] }],
          },
          {
            // The same key in other spellings: letter case, an offset and a fraction, bare and long-hand
            // addresses, host bits, duplicates. Nothing to do.
            config: keyConfig({
              permissions: ['SSH_KEYS:read', 'Instances:Read', 'instances:read'],
              expiresAt: expiresAt.replace('.000Z', '.000000+00:00'),
              allowedIps: ['127.0.0.1', '::0/0', '0:0:0:0:0:0:0:0/0', '10.0.0.5/8'],
            }),
            expectActions: {},
            check: (state) => {
              // Import left the secret null, and neither the refreshes nor this apply invented one.
              expect(state[ADDRESS]!.secret).toBeNull();
              expect(state[ADDRESS]!.id).toBe(firstId);
            },
            importVerify: [
              {
                address: ADDRESS,
                ignore: ['secret', 'last_used_at', 'permissions', 'expires_at', 'allowed_ips'],
              },
            ],
          },
          {
            config: keyConfig({ ...all, name: 'ci-pipeline-2' }),
            expectActions: { [ADDRESS]: ['delete', 'create'] },
            check: async (state) => {
              const key = state[ADDRESS]!;
              expect(key.id).not.toBe(firstId);
              expect(key.secret).toMatch(/^ly_/);
              expect(key.secret).not.toBe(firstSecret);
              // The replaced key is revoked.
              await withKey(lw, firstSecret, (c) =>
                expect(c.sshKeys.list()).rejects.toMatchObject({ code: 'authentication_failed' }),
              );
            },
          },
          {
            config: keyConfig({ ...all, name: 'ci-pipeline-2', permissions: ['ssh_keys:write'] }),
            expectActions: { [ADDRESS]: ['delete', 'create'] },
            check: async (state) => {
              await withKey(lw, state[ADDRESS]!.secret as string, async (c) => {
                await expect(c.sshKeys.list()).resolves.toBeDefined();
                await expect(c.instances.list()).rejects.toMatchObject({ code: 'forbidden' });
              });
            },
          },
          {
            config: keyConfig({
              ...all,
              name: 'ci-pipeline-2',
              permissions: ['ssh_keys:write'],
              expiresAt: hoursFromNow(48),
            }),
            expectActions: { [ADDRESS]: ['delete', 'create'] },
          },
          {
            // A key usable only from elsewhere: it exists, but refuses this machine. Created from ranges as
            // people write them (bare addresses, upper-case IPv6, ::0/0): the API gets and holds them
            // canonical, state keeps them as written, and the next plan is empty.
            config: keyConfig({
              name: 'ci-pipeline-2',
              permissions: ['ssh_keys:write'],
              allowedIps: ['203.0.113.0/24', '198.51.100.7', '2001:DB8::1', '::0/0'],
            }),
            expectActions: { [ADDRESS]: ['delete', 'create'] },
            check: async (state) => {
              const key = state[ADDRESS]!;
              expect(key.expires_at).toBeNull();
              expect([...(key.allowed_ips as string[])].sort()).toEqual(
                ['203.0.113.0/24', '198.51.100.7', '2001:DB8::1', '::0/0'].sort(),
              );
              const remote = await lw.client.apiKeys.get(key.id as string);
              expect([...(remote.allowed_ips ?? [])].sort()).toEqual(
                ['203.0.113.0/24', '198.51.100.7/32', '2001:db8::1/128', '::/0'].sort(),
              );
              await withKey(lw, key.secret as string, (c) =>
                expect(c.sshKeys.list()).rejects.toMatchObject({ code: 'forbidden' }),
              );
            },
            // Import reads the API's spelling; the configuration as written still plans empty after it.
            importVerify: [{ address: ADDRESS, ignore: ['secret', 'last_used_at', 'allowed_ips'] }],
          },
        ],
        () => expectOnlyBootstrapKey(lw),
      );
    },
    LONG_TEST_MS,
  );
});

describe('lightyear_api_key outside the happy path', () => {
  let lw: LightyearWorkspace;
  let ws: Workspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    ws = asWorkspace(lw);
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(ws, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  afterEach(() => {
    expect(lw.leftoverSockets()).toEqual([]);
  });

  it('plans to create the key again when it was revoked behind terraform', async () => {
    ws.writeFiles({ 'main.tf': keyConfig({}) });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const { id } = (await stateValues(ws))[ADDRESS]!;
    await lw.client.apiKeys.delete(id as string);
    expect(await plannedActions(ws)).toEqual({ [ADDRESS]: ['create'] });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false', 'step.tfplan']);
    const again = (await stateValues(ws))[ADDRESS]!;
    expect(again.id).not.toBe(id);
    expect(again.secret).toMatch(/^ly_/);
    await expectEmptyPlan(ws, 're-creating the revoked key');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    await expectOnlyBootstrapKey(lw);
  });

  it('re-creates a key once it has expired: a rotation with plantimestamp() and ignore_changes', async () => {
    const lifetime = 25;
    ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
resource "lightyear_api_key" "ci" {
  name        = "rotating"
  permissions = ["ssh_keys:read"]
  expires_at  = timeadd(plantimestamp(), "${lifetime}s")

  lifecycle {
    ignore_changes = [expires_at]
  }
}
`,
    });
    const started = Date.now();
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const first = (await stateValues(ws))[ADDRESS]!;
    await expectEmptyPlan(ws, 'creating the rotating key');
    const expiresMs = Date.parse(first.expires_at as string);
    expect(expiresMs).toBeGreaterThan(started);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresMs - Date.now() + 500)));
    // The key no longer authenticates, and the plan says so and replaces it.
    await withKey(lw, first.secret as string, (c) =>
      expect(c.sshKeys.list()).rejects.toMatchObject({ code: 'authentication_failed' }),
    );
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(plan.stdout).toContain('must be replaced');
    expect(plan.stdout).toMatch(/secret\s+= \(sensitive value\) # forces replacement/);
    expect(plan.stdout).toContain('API key expired');
    expect(await plannedActions(ws)).toEqual({ [ADDRESS]: ['delete', 'create'] });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false', 'step.tfplan']);
    const second = (await stateValues(ws))[ADDRESS]!;
    expect(second.id).not.toBe(first.id);
    expect(Date.parse(second.expires_at as string)).toBeGreaterThan(Date.now());
    await withKey(lw, second.secret as string, (c) => expect(c.sshKeys.list()).resolves.toBeDefined());
    await expectEmptyPlan(ws, 'rotating the expired key');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    await expectOnlyBootstrapKey(lw);
  });

  it('generates configuration for an imported key, without the secret, that then plans no changes', async () => {
    const existing = await lw.client.apiKeys.create({
      name: 'found',
      permissions: ['dns:write'],
      expires_at: hoursFromNow(5),
      allowed_ips: ['198.51.100.0/24'],
    });
    ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_api_key.found
  id = "${existing.api_key.id}"
}
`,
    });
    await mustRun(ws, ['plan', '-no-color', '-input=false', '-generate-config-out=generated.tf']);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_api_key" "found"');
    expect(generated).toContain('"dns:write"');
    expect(generated).toContain('"198.51.100.0/24"');
    expect(generated).not.toMatch(/\bsecret\b|\bprefix\b|\bcreated_at\b/);
    expect(generated).not.toContain(existing.secret);
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const state = (await stateValues(ws))['lightyear_api_key.found']!;
    expect(state.secret).toBeNull();
    expect(JSON.stringify(state)).not.toContain(existing.secret);
    await expectEmptyPlan(ws, 'importing with generated configuration');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    fs.rmSync(path.join(lw.ws.workDir, 'generated.tf'));
    await expectOnlyBootstrapKey(lw);
  });

  it('refuses an import id that cannot be an API key id', async () => {
    ws.writeFiles({ 'main.tf': keyConfig({}) });
    const bad = await lw.tf(['import', '-no-color', '-input=false', ADDRESS, 'whk_123']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import id');
    expect(bad.stderr).toContain('key_');
  });

  /** Runs a plan of `config` that must fail, and returns its output. */
  async function failingPlan(config: string, env: Record<string, string> = {}): Promise<string> {
    ws.writeFiles({ 'main.tf': config });
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], { env });
    expect(plan.code).not.toBe(0);
    return `${plan.stdout}\n${plan.stderr}`;
  }

  it('refuses unknown permissions at validate, listing the known ones, on permissions', async () => {
    ws.writeFiles({ 'main.tf': keyConfig({ permissions: ['instances:read', 'servers:write'] }) });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('"servers:write", which is not a permission');
    expect(validate.stderr).toContain('instances:read, instances:write, ssh_keys:read');
    expect(validate.stderr).toMatch(/permissions = \[/);
  });

  it('refuses malformed ranges and timestamps at validate, on their attributes', async () => {
    ws.writeFiles({ 'main.tf': keyConfig({ allowedIps: ['10.0.0.0/33'], expiresAt: 'next tuesday' }) });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('"10.0.0.0/33", which is not an IPv4 or IPv6 address or CIDR');
    expect(validate.stderr).toMatch(/allowed_ips = \[/);
    expect(validate.stderr).toContain('"next tuesday", which is not an RFC 3339 timestamp');
    expect(validate.stderr).toMatch(/expires_at {2}= "next tuesday"/);
  });

  it('refuses an expiry in the past at plan time, on expires_at', async () => {
    const output = await failingPlan(keyConfig({ expiresAt: '2020-01-01T00:00:00Z' }));
    expect(output).toContain('Expiry in the past');
    expect(output).toMatch(/expires_at {2}= "2020-01-01T00:00:00Z"/);
    await expectOnlyBootstrapKey(lw);
  });

  it("refuses, at plan time, what the provider's own key cannot grant", async () => {
    const limited = await lw.client.apiKeys.create({
      name: 'limited-provider-key',
      permissions: ['account:write', 'ssh_keys:read'],
      expires_at: hoursFromNow(2),
      allowed_ips: ['127.0.0.0/8', '::1/128'],
    });
    const env = { LIGHTYEAR_API_KEY: limited.secret };
    const output = await failingPlan(
      keyConfig({ permissions: ['ssh_keys:read', 'instances:write'], allowedIps: ['0.0.0.0/0'] }),
      env,
    );
    expect(output).toContain('Permissions beyond the provider’s own key');
    expect(output).toContain('cannot grant instances:write');
    expect(output).toMatch(/permissions = \[/);
    expect(output).toContain('Expiry beyond the provider’s own key');
    expect(output).toContain('Source ranges beyond the provider’s own key');
    expect(output).toContain('0.0.0.0/0 is not');
    expect(output).not.toContain(limited.secret);
    // Within the limits, the same provider key creates the key.
    ws.writeFiles({
      'main.tf': keyConfig({
        permissions: ['ssh_keys:read'],
        expiresAt: hoursFromNow(1),
        allowedIps: ['127.0.0.1'],
      }),
    });
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], { env });
    expect(apply.code).toBe(0);
    const destroy = await lw.tf(['destroy', '-auto-approve', '-no-color', '-input=false'], { env });
    expect(destroy.code).toBe(0);
    await lw.client.apiKeys.delete(limited.api_key.id);
    await expectOnlyBootstrapKey(lw);
  });
});
