/**
 * lightyear_instance through the real terraform binary, our provider and the local cloud over HTTP: every
 * attribute in place or replacing, default_tags, import and config generation, drift, plan-time refusals,
 * a create cut short (tainted, never orphaned), and the lightyear_instance data source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DURATIONS, INSTANT_DURATIONS, scaleDurations } from '../../../src/cloud';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, planActions, type LightyearWorkspace } from './lightyear-workspace';
import {
  expectEmptyPlan as emptyPlan,
  mustRun as run,
  resourceTest,
  stateValues as values,
  type Workspace,
} from './resource-test';

const mustRun = (lw: LightyearWorkspace, args: readonly string[]) => run(asWorkspace(lw), args);
const expectEmptyPlan = (lw: LightyearWorkspace, when: string) => emptyPlan(asWorkspace(lw), when);
const stateValues = (lw: LightyearWorkspace) => values(asWorkspace(lw));

/** Ten times the demo lifecycle: every wait is real (pending → active), but short. */
const FAST = scaleDurations(DEMO_DURATIONS, 10);
const ADDRESS = 'lightyear_instance.web';
const REPLACE = { [ADDRESS]: ['delete', 'create'] };
const UPDATE = { [ADDRESS]: ['update'] };

const keyA = generateSshPublicKey('ed25519', { comment: 'a@example' });
const keyB = generateSshPublicKey('ed25519', { comment: 'b@example' });

function providerBlock(defaultTags: readonly string[] = []): string {
  const tags = defaultTags.length === 0 ? '' : `\n  default_tags = ${JSON.stringify(defaultTags)}`;
  return `terraform {
  required_providers {
    lightyear = { source = "lightyear/lightyear" }
  }
}

provider "lightyear" {${tags}
}
`;
}

const KEYS = `
resource "lightyear_ssh_key" "a" {
  name       = "a"
  public_key = "${keyA.line}"
}

resource "lightyear_ssh_key" "b" {
  name       = "b"
  public_key = "${keyB.line}"
}
`;

interface InstanceArgs {
  label?: string;
  region?: string;
  plan?: string;
  image?: string;
  hostname?: string;
  sshKeys?: string;
  userData?: string;
  firewallId?: string;
  tags?: string;
  enableIpv6?: boolean;
  backups?: boolean;
  powerStatus?: string;
}

/** Every optional attribute set; each step changes one. */
const FULL: Required<Omit<InstanceArgs, 'firewallId'>> = {
  label: 'web',
  region: 'ams',
  plan: 'vc2-1c-1gb',
  image: 'debian-12',
  hostname: 'Web-1.Example.COM.',
  sshKeys: '[lightyear_ssh_key.a.id, lightyear_ssh_key.a.id]',
  userData: '#cloud-config\\nruncmd: [echo one]\\n',
  tags: '["web", "managed-by:terraform", "web"]',
  enableIpv6: true,
  backups: true,
  powerStatus: 'running',
};

function instanceBlock(a: InstanceArgs): string {
  const line = (name: string, value: string | undefined) =>
    value === undefined ? '' : `  ${name} = ${value}\n`;
  const q = (v: string | undefined) => (v === undefined ? undefined : JSON.stringify(v));
  return `
resource "lightyear_instance" "web" {
${line('label', q(a.label ?? 'web'))}${line('region', q(a.region ?? 'ams'))}${line('plan', q(a.plan ?? 'vc2-1c-1gb'))}${line('image', q(a.image ?? 'debian-12'))}${line('hostname', q(a.hostname))}${line('ssh_key_ids', a.sshKeys)}${line('user_data', a.userData === undefined ? undefined : `"${a.userData}"`)}${line('firewall_id', q(a.firewallId))}${line('tags', a.tags)}${line('enable_ipv6', a.enableIpv6?.toString())}${line('backups', a.backups?.toString())}${line('power_status', q(a.powerStatus))}
  timeouts {
    create = "5m"
  }
}
`;
}

const DEFAULT_TAGS = ['managed-by:terraform', 'env:test'];
/** Every in-place change of the steps before the firewall is attached. */
const CHANGED: InstanceArgs = {
  label: 'web-renamed',
  plan: 'vc2-1c-2gb',
  tags: '["api"]',
  backups: false,
  powerStatus: 'stopped',
};
const full = (over: InstanceArgs = {}) =>
  `${providerBlock(DEFAULT_TAGS)}${KEYS}${instanceBlock({ ...FULL, ...over })}`;

/** `resource-test.ts`'s view of a workspace. */
const asWorkspace = (lw: LightyearWorkspace): Workspace => ({
  writeFiles: (files) => lw.ws.writeFiles(files),
  tf: (args, options) => lw.tf(args, options),
});

describe('lightyear_instance: every attribute, in place and replacing', () => {
  let lw: LightyearWorkspace;
  let firewallId: string;

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: FAST });
    const firewall = await lw.client.firewalls.create({
      name: 'web',
      inbound_rules: [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0'] }],
      outbound_rules: [],
    });
    firewallId = firewall.id;
    lw.ws.writeFiles({ 'main.tf': full() });
    await mustRun(lw, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('creates, changes and replaces, each plan empty after its apply, and destroys everything', async () => {
    let id = '';
    const remote = () => lw.client.instances.get(id);
    const sameId = (s: Record<string, Record<string, unknown>>) => expect(s[ADDRESS]!.id).toBe(id);
    const newId = (s: Record<string, Record<string, unknown>>) => {
      expect(s[ADDRESS]!.id).not.toBe(id);
      id = s[ADDRESS]!.id as string;
    };
    await resourceTest(
      asWorkspace(lw),
      [
        {
          config: full(),
          check: async (s) => {
            const web = s[ADDRESS]!;
            id = web.id as string;
            expect(web).toMatchObject({
              hostname: 'Web-1.Example.COM.',
              status: 'active',
              power_status: 'running',
              enable_ipv6: true,
              backups: true,
              vcpu_count: 1,
              disk_gb: 25,
              user_data: '#cloud-config\nruncmd: [echo one]\n',
            });
            expect([...(web.tags as string[])].sort()).toEqual(['managed-by:terraform', 'web']);
            expect([...(web.tags_all as string[])].sort()).toEqual([
              'env:test',
              'managed-by:terraform',
              'web',
            ]);
            expect(web.ipv4).toMatch(/^(203\.0\.113|198\.51\.100)\./);
            expect(web.ipv6).toMatch(/^2001:db8:/);
            const r = await remote();
            expect(r).toMatchObject({
              hostname: 'web-1.example.com',
              tags: ['env:test', 'managed-by:terraform', 'web'],
              ssh_key_ids: [s['lightyear_ssh_key.a']!.id],
            });
          },
          // user_data cannot be read back (import leaves it null; its digest makes the plan empty), the
          // host name comes back in the API's spelling, timeouts are Terraform's own.
          // A tag both default and configured reads back as the default's (the API cannot say whose it
          // is); the configured tags still plan no change.
          importVerify: [{ address: ADDRESS, ignore: ['user_data', 'hostname', 'timeouts', 'tags'] }],
        },
        {
          config: full({ label: 'web-renamed' }),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect((await remote()).label).toBe('web-renamed');
          },
        },
        {
          config: full({ label: 'web-renamed', plan: 'vc2-1c-2gb' }),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect(s[ADDRESS]).toMatchObject({ plan: 'vc2-1c-2gb', ram_mb: 2048, disk_gb: 55 });
            expect(await remote()).toMatchObject({ plan: 'vc2-1c-2gb', status: 'active' });
          },
        },
        {
          config: full({ label: 'web-renamed', plan: 'vc2-1c-2gb', tags: '["api"]' }),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect((await remote()).tags).toEqual(['api', 'env:test', 'managed-by:terraform']);
          },
        },
        {
          config: full({ label: 'web-renamed', plan: 'vc2-1c-2gb', tags: '["api"]', backups: false }),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect((await remote()).backups).toBe(false);
          },
        },
        {
          config: full({
            label: 'web-renamed',
            plan: 'vc2-1c-2gb',
            tags: '["api"]',
            backups: false,
            powerStatus: 'stopped',
          }),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect((await remote()).power_status).toBe('stopped');
          },
        },
        {
          config: full({ ...CHANGED, firewallId }),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect(await remote()).toMatchObject({ firewall_id: firewallId, label: 'web-renamed' });
          },
        },
        {
          config: full(CHANGED),
          expectActions: UPDATE,
          check: async (s) => {
            sameId(s);
            expect((await remote()).firewall_id).toBeNull();
          },
        },
        {
          config: full({ powerStatus: 'stopped', plan: 'vc2-1c-2gb', region: 'fra' }),
          expectActions: REPLACE,
          check: async (s) => {
            newId(s);
            // A create with power_status = "stopped" powers off once provisioned.
            expect(await remote()).toMatchObject({
              region: 'fra',
              power_status: 'stopped',
              status: 'active',
            });
          },
        },
        {
          config: full({ plan: 'vc2-1c-2gb', region: 'fra', image: 'ubuntu-24.04' }),
          expectActions: REPLACE,
          check: async (s) => {
            newId(s);
            expect(await remote()).toMatchObject({ image: 'ubuntu-24.04', power_status: 'running' });
          },
        },
        {
          config: full({ plan: 'vc2-1c-2gb', region: 'fra', image: 'ubuntu-24.04', hostname: 'api-1' }),
          expectActions: REPLACE,
          check: async (s) => {
            newId(s);
            expect((await remote()).hostname).toBe('api-1');
          },
        },
        {
          config: full({
            plan: 'vc2-1c-2gb',
            region: 'fra',
            image: 'ubuntu-24.04',
            hostname: 'api-1',
            sshKeys: '[lightyear_ssh_key.b.id]',
          }),
          expectActions: REPLACE,
          check: async (s) => {
            newId(s);
            expect((await remote()).ssh_key_ids).toEqual([s['lightyear_ssh_key.b']!.id]);
          },
        },
        {
          config: full({
            plan: 'vc2-1c-2gb',
            region: 'fra',
            image: 'ubuntu-24.04',
            hostname: 'api-1',
            sshKeys: '[lightyear_ssh_key.b.id]',
            userData: '#cloud-config\\nruncmd: [echo two]\\n',
          }),
          expectActions: REPLACE,
          check: async (s) => {
            newId(s);
            expect(s[ADDRESS]!.user_data).toBe('#cloud-config\nruncmd: [echo two]\n');
          },
        },
        {
          config: full({
            plan: 'vc2-1c-2gb',
            region: 'fra',
            image: 'ubuntu-24.04',
            hostname: 'api-1',
            sshKeys: '[lightyear_ssh_key.b.id]',
            userData: '#cloud-config\\nruncmd: [echo two]\\n',
            enableIpv6: false,
          }),
          expectActions: REPLACE,
          check: async (s) => {
            newId(s);
            expect(s[ADDRESS]!.ipv6).toBeNull();
            expect((await remote()).ipv6).toBeNull();
          },
        },
      ],
      async () => {
        expect(await lw.client.instances.listAll()).toEqual([]);
        expect(await lw.client.sshKeys.listAll()).toEqual([]);
      },
    );
    expect(lw.leftoverSockets()).toEqual([]);
  }, 600_000);
});

describe('lightyear_instance: drift, import, config generation, refusals and the data source', () => {
  let lw: LightyearWorkspace;
  const USER_DATA = '#cloud-config\\nruncmd: [echo drift]\\n';
  const simple = (over: InstanceArgs = {}) =>
    `${providerBlock(['managed-by:terraform'])}${instanceBlock({ userData: USER_DATA, tags: '["managed-by:terraform"]', ...over })}`;

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: FAST });
    lw.ws.writeFiles({ 'main.tf': simple() });
    await mustRun(lw, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const instanceId = async () => (await stateValues(lw))[ADDRESS]!.id as string;

  it('shows a label changed outside as an in-place update', async () => {
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false']);
    await expectEmptyPlan(lw, 'creating with a tag that is also a default tag');
    const id = await instanceId();
    await lw.client.instances.update(id, { label: 'renamed-outside' });
    expect(await planActions(lw)).toEqual(UPDATE);
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    expect((await lw.client.instances.get(id)).label).toBe('web');
    await expectEmptyPlan(lw, 'undoing the outside change');
  });

  it("shows user data that no longer matches the instance's digest as a replacement", async () => {
    // The API cannot change an instance's user data, so the state is made to hold other text than the
    // instance was created with, which is what a rebuild outside Terraform looks like to the provider.
    const pulled = await mustRun(lw, ['state', 'pull']);
    const state = JSON.parse(pulled.stdout) as {
      serial: number;
      resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[];
    };
    const web = state.resources.find((r) => r.type === 'lightyear_instance')!.instances[0]!;
    web.attributes.user_data = '#cloud-config\nruncmd: [echo other]\n';
    web.attributes.user_data_sha256 = 'f'.repeat(64);
    state.serial += 1;
    fs.writeFileSync(path.join(lw.ws.workDir, 'pushed.tfstate'), JSON.stringify(state));
    await mustRun(lw, ['state', 'push', 'pushed.tfstate']);
    // The refresh sees the API's digest (of "echo drift") differ from the state's text: it forgets the text,
    // and the configured "echo drift" has the instance's digest, so there is nothing to do.
    await expectEmptyPlan(lw, 'the refresh that forgets unmatched user data');
    // Configured user data that is not the instance's is a replacement.
    lw.ws.writeFiles({ 'main.tf': simple({ userData: '#cloud-config\\nruncmd: [echo new]\\n' }) });
    expect(await planActions(lw)).toEqual(REPLACE);
    lw.ws.writeFiles({ 'main.tf': simple() });
  });

  it('plans to create the instance again when it was deleted outside', async () => {
    const id = await instanceId();
    await lw.client.instances.delete(id);
    expect(await planActions(lw)).toEqual({ [ADDRESS]: ['create'] });
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    expect(await instanceId()).not.toBe(id);
    await expectEmptyPlan(lw, 'creating it again');
  });

  it('imports by id with every attribute filled, and plans nothing with the same user data', async () => {
    const before = (await stateValues(lw))[ADDRESS]!;
    await mustRun(lw, ['state', 'rm', '-no-color', ADDRESS]);
    const bad = await lw.tf(['import', '-no-color', '-input=false', ADDRESS, 'sshk_123']);
    expect(bad.stderr).toContain('Invalid import id');
    await mustRun(lw, ['import', '-no-color', '-input=false', ADDRESS, before.id as string]);
    const after = (await stateValues(lw))[ADDRESS]!;
    const same = (v: Record<string, unknown>) => ({ ...v, user_data: null, timeouts: null, tags: null });
    expect(same(after)).toEqual(same(before));
    // Not readable back: the user data (its digest is), and whether the default tag is also configured.
    expect(after.user_data).toBeNull();
    expect(before.tags).toEqual(['managed-by:terraform']);
    expect(after.tags).toBeNull();
    await expectEmptyPlan(lw, 'the import');
  });

  it('reads an instance through the data source by label and by id, and refuses ambiguous or missing labels', async () => {
    const id = await instanceId();
    lw.ws.writeFiles({
      'main.tf': `${simple()}
data "lightyear_instance" "by_label" {
  label = "web"
  depends_on = [lightyear_instance.web]
}

data "lightyear_instance" "by_id" {
  id = lightyear_instance.web.id
}

output "ipv4_by_label" {
  value = data.lightyear_instance.by_label.ipv4
}

output "plan_by_id" {
  value = data.lightyear_instance.by_id.plan
}
`,
    });
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const out = JSON.parse((await mustRun(lw, ['output', '-json'])).stdout) as Record<
      string,
      { value: string }
    >;
    expect(out.ipv4_by_label!.value).toBe((await lw.client.instances.get(id)).ipv4);
    expect(out.plan_by_id!.value).toBe('vc2-1c-1gb');

    const twin = await lw.client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: 'web',
    });
    const ambiguous = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(ambiguous.code).not.toBe(0);
    expect(ambiguous.stderr).toContain('Several instances have that label');
    expect(ambiguous.stderr).toContain(twin.id);
    expect(ambiguous.stderr).toContain(id);
    await lw.client.instances.delete(twin.id);

    lw.ws.writeFiles({
      'main.tf': `${simple()}
data "lightyear_instance" "none" {
  label = "no-such-instance"
}
`,
    });
    const missing = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('No instance with that label');
    expect(missing.stderr).toMatch(/label\s*=\s*"no-such-instance"/);
    lw.ws.writeFiles({ 'main.tf': simple() });
  });

  it('refuses bad input at plan time, each on its attribute', async () => {
    const cases: [InstanceArgs, RegExp, RegExp][] = [
      [{ image: 'windows-95' }, /Unknown image/, /image\s*=\s*"windows-95"/],
      [{ region: 'mars' }, /Unknown region/, /region\s*=\s*"mars"/],
      [{ region: 'syd', plan: 'vhf-1c-2gb' }, /Plan not offered in the region/, /plan\s*=\s*"vhf-1c-2gb"/],
      [{ region: 'syd', enableIpv6: true }, /IPv6 not available/, /enable_ipv6\s*=\s*true/],
      [{ powerStatus: 'off' }, /power_status must be "running" or "stopped"/, /power_status\s*=\s*"off"/],
      [{ hostname: 'web_1' }, /hostname must use only letters, digits and hyphens/, /hostname\s*=\s*"web_1"/],
      [{ tags: '["two words"]' }, /tag "two words"/, /tags\s*=/],
    ];
    for (const [args, summary, where] of cases) {
      lw.ws.writeFiles({ 'main.tf': simple(args) });
      const plan = await lw.tf(['plan', '-no-color', '-input=false']);
      expect({ args, code: plan.code }).toEqual({ args, code: 1 });
      expect(plan.stderr).toMatch(summary);
      expect(plan.stderr).toMatch(where);
    }
    // A smaller disk, on the existing instance.
    lw.ws.writeFiles({ 'main.tf': simple({ plan: 'vc2-1c-2gb' }) });
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false']);
    lw.ws.writeFiles({ 'main.tf': simple({ plan: 'vc2-1c-1gb' }) });
    const shrink = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(shrink.code).toBe(1);
    expect(shrink.stderr).toContain('Cannot resize to a smaller disk');
    expect(shrink.stderr).toMatch(/plan\s*=\s*"vc2-1c-1gb"/);
    lw.ws.writeFiles({ 'main.tf': simple({ plan: 'vc2-1c-2gb' }) });
  });

  it('destroys, leaving the cloud empty', async () => {
    await mustRun(lw, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.instances.listAll()).toEqual([]);
  });
});

describe('lightyear_instance: plan -generate-config-out', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: FAST });
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('writes configuration for an imported instance that then plans no changes', async () => {
    const existing = await lw.client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: 'found',
      tags: ['found', 'managed-by:terraform'],
      backups: true,
    });
    lw.ws.writeFiles({
      'main.tf': `${providerBlock(['managed-by:terraform'])}
import {
  to = lightyear_instance.found
  id = "${existing.id}"
}
`,
    });
    await mustRun(lw, ['init', '-no-color', '-input=false']);
    await mustRun(lw, ['plan', '-no-color', '-input=false', '-generate-config-out=generated.tf']);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_instance" "found"');
    expect(generated).toMatch(/label\s*=\s*"found"/);
    expect(generated).not.toMatch(/\btags_all\b|\bipv4\b|\bcreated_at\b/);
    const plan = await lw.tf(['plan', '-no-color', '-input=false', '-out=tfplan']);
    expect(plan.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    await expectEmptyPlan(lw, 'importing with generated configuration');
    await mustRun(lw, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.instances.listAll()).toEqual([]);
  });
});

describe('lightyear_instance with the demo lifecycle (provisioning takes seconds)', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: DEMO_DURATIONS });
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const config = (timeout: string) => `${providerBlock()}
resource "lightyear_instance" "web" {
  label  = "slow"
  region = "ams"
  plan   = "vc2-1c-1gb"
  image  = "debian-12"

  timeouts {
    create = "${timeout}"
  }
}
`;

  it('keeps an instance whose create timed out in state, tainted, and replaces it on the next apply', async () => {
    lw.ws.writeFiles({ 'main.tf': config('1s') });
    await mustRun(lw, ['init', '-no-color', '-input=false']);
    const failed = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Timed out waiting for instance');
    expect(failed.stderr).toContain('timeouts.create');
    const [orphan] = await lw.client.instances.listAll();
    expect(orphan).toBeDefined();
    const shown = await mustRun(lw, ['state', 'show', '-no-color', ADDRESS]);
    expect(shown.stdout).toContain('tainted');
    expect(shown.stdout).toContain(orphan!.id);

    lw.ws.writeFiles({ 'main.tf': config('2m') });
    expect(await planActions(lw)).toEqual(REPLACE);
    const started = Date.now();
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    // pending → active takes the demo's 3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    const web = (await stateValues(lw))[ADDRESS]!;
    expect(web).toMatchObject({ status: 'active', power_status: 'running' });
    expect(web.ipv4).not.toBeNull();
    await expectEmptyPlan(lw, 'the replacement');
    await mustRun(lw, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.instances.listAll()).toEqual([]);
  });
});

describe('lightyear_instance: a refresh of 200 instances', () => {
  const COUNT = 200;
  let lw: LightyearWorkspace;

  async function requestLog(method: 'GET' | 'DELETE'): Promise<{ method: string; path: string }[]> {
    const res = await fetch(`${lw.cloud.url.replace(/\/v1$/, '')}/_local/requests`, {
      method,
      headers: { authorization: `Bearer ${lw.cloud.apiKey}` },
    });
    if (!res.ok) throw new Error(`${method} /_local/requests: HTTP ${res.status}`);
    return res.status === 204
      ? []
      : ((await res.json()) as { requests: { method: string; path: string }[] }).requests;
  }

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: INSTANT_DURATIONS });
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('reads them from list pages in a handful of calls, and plans no change', async () => {
    const blocks: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const made = await lw.client.instances.create({
        region: 'ams',
        plan: 'vc2-1c-1gb',
        image: 'debian-12',
        label: `n${i}`,
      });
      blocks.push(`import {
  to = lightyear_instance.n${i}
  id = "${made.id}"
}

resource "lightyear_instance" "n${i}" {
  label  = "n${i}"
  region = "ams"
  plan   = "vc2-1c-1gb"
  image  = "debian-12"
}
`);
    }
    lw.ws.writeFiles({ 'main.tf': `${providerBlock()}\n${blocks.join('\n')}` });
    await mustRun(lw, ['init', '-no-color', '-input=false']);
    await mustRun(lw, ['apply', '-auto-approve', '-no-color', '-input=false']);
    await requestLog('DELETE');
    await expectEmptyPlan(lw, `importing ${COUNT} instances`);
    const requests = await requestLog('GET');
    expect(requests.filter((r) => r.path.startsWith('/v1/instances')).length).toBeGreaterThan(0);
    // Configuring makes one call; the reads come from pages of 500 after the first few single GETs.
    expect(requests.length).toBeLessThanOrEqual(20);
  });
});
