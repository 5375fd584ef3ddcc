/**
 * lightyear_ssh_key through the real terraform binary, our provider and the local cloud over HTTP:
 * the whole lifecycle, import, config generation, drift, and bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import {
  createLightyearWorkspace,
  planActions,
  TERRAFORM_BLOCK,
  type LightyearWorkspace,
} from './lightyear-workspace';
import { resourceTest } from './resource-test';

const first = generateSshPublicKey('ed25519', { comment: 'first@example' });
const second = generateSshPublicKey('ed25519', { comment: 'second@example' });

function keyConfig(name: string, publicKey: string): string {
  return `${TERRAFORM_BLOCK}
resource "lightyear_ssh_key" "deploy" {
  name       = "${name}"
  public_key = "${publicKey}"
}

output "fingerprint" {
  value = lightyear_ssh_key.deploy.fingerprint
}
`;
}

async function mustSucceed(lw: LightyearWorkspace, args: string[]) {
  const result = await lw.tf(args);
  if (result.code !== 0)
    throw new Error(`terraform ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function stateOf(lw: LightyearWorkspace): Promise<Record<string, unknown>> {
  const show = await mustSucceed(lw, ['show', '-json']);
  const json = JSON.parse(show.stdout) as {
    values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
  };
  const resource = json.values?.root_module?.resources?.find((r) => r.address === 'lightyear_ssh_key.deploy');
  if (!resource) throw new Error('lightyear_ssh_key.deploy is not in state');
  return resource.values;
}

describe('lightyear_ssh_key lifecycle', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': keyConfig('laptop', first.line) });
    await mustSucceed(lw, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  afterEach(() => {
    // Every provider process shut down cleanly and removed its socket.
    expect(lw.leftoverSockets()).toEqual([]);
  });

  it('creates the key, with the fingerprint ssh-keygen would print', async () => {
    await mustSucceed(lw, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const state = await stateOf(lw);
    expect(state).toMatchObject({ name: 'laptop', public_key: first.line, fingerprint: first.fingerprint });
    expect(state.id).toMatch(/^sshk_/);
    const remote = await lw.client.sshKeys.get(state.id as string);
    expect(remote).toMatchObject({ name: 'laptop', fingerprint: first.fingerprint });
  });

  it('plans no changes when nothing changed', async () => {
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes.');
  });

  it('renames in place', async () => {
    const before = await stateOf(lw);
    lw.ws.writeFiles({ 'main.tf': keyConfig('workstation', first.line) });
    expect(await planActions(lw)).toEqual({ 'lightyear_ssh_key.deploy': ['update'] });
    await mustSucceed(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    const after = await stateOf(lw);
    expect(after).toMatchObject({ id: before.id, name: 'workstation', created_at: before.created_at });
    expect((await lw.client.sshKeys.get(before.id as string)).name).toBe('workstation');
  });

  it('replaces the key when the public key changes', async () => {
    const before = await stateOf(lw);
    lw.ws.writeFiles({ 'main.tf': keyConfig('workstation', second.line) });
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(plan.stdout).toContain('# forces replacement');
    expect(await planActions(lw)).toEqual({ 'lightyear_ssh_key.deploy': ['delete', 'create'] });
    await mustSucceed(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    const after = await stateOf(lw);
    expect(after.id).not.toBe(before.id);
    expect(after.fingerprint).toBe(second.fingerprint);
    await expect(lw.client.sshKeys.get(before.id as string)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('imports an existing key and then plans no changes', async () => {
    const { id } = await stateOf(lw);
    await mustSucceed(lw, ['state', 'rm', '-no-color', 'lightyear_ssh_key.deploy']);
    const imported = await mustSucceed(lw, [
      'import',
      '-no-color',
      '-input=false',
      'lightyear_ssh_key.deploy',
      id as string,
    ]);
    expect(imported.stdout).toContain('Import successful!');
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(0);
  });

  it('refuses an import id that cannot be an SSH key id, naming the expected form', async () => {
    await mustSucceed(lw, ['state', 'rm', '-no-color', 'lightyear_ssh_key.deploy']);
    const bad = await lw.tf(['import', '-no-color', '-input=false', 'lightyear_ssh_key.deploy', 'inst_123']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import id');
    expect(bad.stderr).toContain('sshk_');
    const missing = await lw.tf([
      'import',
      '-no-color',
      '-input=false',
      'lightyear_ssh_key.deploy',
      'sshk_doesnotexist',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Cannot import non-existent remote object/);
    // Put it back for the next tests.
    const [key] = await lw.client.sshKeys.listAll({ name: 'workstation' });
    await mustSucceed(lw, ['import', '-no-color', '-input=false', 'lightyear_ssh_key.deploy', key!.id]);
  });

  it('plans to create the key again when it was deleted behind terraform', async () => {
    const { id } = await stateOf(lw);
    await lw.client.sshKeys.delete(id as string);
    expect(await planActions(lw)).toEqual({ 'lightyear_ssh_key.deploy': ['create'] });
    await mustSucceed(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    expect((await stateOf(lw)).id).not.toBe(id);
  });

  it('destroys the key', async () => {
    const { id } = await stateOf(lw);
    await mustSucceed(lw, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    await expect(lw.client.sshKeys.get(id as string)).rejects.toMatchObject({ code: 'not_found' });
    expect(await lw.client.sshKeys.listAll()).toEqual([]);
  });
});

describe('plan -generate-config-out', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('writes configuration for an imported key that then plans no changes', async () => {
    const existing = await lw.client.sshKeys.create({ name: 'found', public_key: first.line });
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_ssh_key.found
  id = "${existing.id}"
}
`,
    });
    await mustSucceed(lw, ['init', '-no-color', '-input=false']);
    await mustSucceed(lw, ['plan', '-no-color', '-input=false', '-generate-config-out=generated.tf']);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_ssh_key" "found"');
    expect(generated).toContain(`public_key = "${first.line}"`);
    expect(generated).not.toMatch(/\bfingerprint\b|\bcreated_at\b/);

    const plan = await lw.tf(['plan', '-no-color', '-input=false', '-out=tfplan']);
    expect(plan.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    await mustSucceed(lw, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    const again = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(again.code).toBe(0);
    expect(lw.leftoverSockets()).toEqual([]);
  });
});

describe('public_key = file("~/.ssh/id_ed25519.pub"), as every provider documents it', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    // The file as ssh-keygen writes it: one line and a trailing newline.
    fs.mkdirSync(path.join(lw.ws.homeDir, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(lw.ws.homeDir, '.ssh', 'id_ed25519.pub'), `${first.line}\n`);
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustSucceed(lw, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const fileConfig = (name: string) => `${TERRAFORM_BLOCK}
resource "lightyear_ssh_key" "laptop" {
  name       = "${name}"
  public_key = file("~/.ssh/id_ed25519.pub")
}
`;

  it('applies, then plans empty; renames in place; imports to an empty plan; destroys', async () => {
    await resourceTest(
      { writeFiles: (files) => lw.ws.writeFiles(files), tf: (args, options) => lw.tf(args, options) },
      [
        {
          config: fileConfig('laptop'),
          expectActions: { 'lightyear_ssh_key.laptop': ['create'] },
          check: (state) =>
            expect(state['lightyear_ssh_key.laptop']).toMatchObject({ fingerprint: first.fingerprint }),
          // Import reads the API's spelling (no newline); the configuration's file() spelling still plans empty.
          importVerify: [{ address: 'lightyear_ssh_key.laptop', ignore: ['public_key'] }],
        },
        { config: fileConfig('laptop-2'), expectActions: { 'lightyear_ssh_key.laptop': ['update'] } },
      ],
      async () => expect(await lw.client.sshKeys.listAll()).toEqual([]),
    );
  });
});

describe('bad input', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it("an invalid public key is an error on public_key, judged by the API's own rule before anything is created", async () => {
    const broken = first.line.replace(/ AAAA\S+/, ' AAAAC3NzaC1lZDI1NTE5AAAAIGJyb2tlbg==');
    lw.ws.writeFiles({ 'main.tf': keyConfig('broken', broken) });
    await mustSucceed(lw, ['init', '-no-color', '-input=false']);
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).toContain('Error: Invalid public_key');
    // Terraform points at the attribute's line in the user's file.
    expect(apply.stderr).toMatch(
      /on main\.tf line \d+, in resource "lightyear_ssh_key" "deploy":\s+\d+:\s+public_key =/,
    );
    expect(apply.stderr).toMatch(/ed25519/i);
    expect(apply.stderr).not.toMatch(/\n\s+at .+\.js:\d+/); // no stack trace
    expect(await lw.client.sshKeys.listAll()).toEqual([]);
    // Refused at validate: no apply ran, so there is no state at all, let alone a half-written one.
    const list = await lw.tf(['state', 'list', '-no-color']);
    expect(list.stdout.trim()).toBe('');
  });

  it('a private key pasted by mistake is refused at validate, naming the .pub file', async () => {
    lw.ws.writeFiles({
      'main.tf': keyConfig(
        'oops',
        '-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n-----END OPENSSH PRIVATE KEY-----\\n',
      ),
    });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('Error: Invalid public_key');
    expect(validate.stderr).toMatch(/private key/);
    expect(validate.stderr).toContain('.pub');
  });

  it('a wrong API key is one clear error, not a stack trace, and never shows the key', async () => {
    lw.ws.writeFiles({ 'main.tf': keyConfig('x', first.line) });
    const wrongKey = 'ly_wrongwrongwrongwrongwrongwrongwrongwr';
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], { env: { LIGHTYEAR_API_KEY: wrongKey } });
    expect(plan.code).not.toBe(0);
    expect(plan.stderr.match(/Error: /g)).toHaveLength(1);
    expect(plan.stderr).toContain('Authentication failed');
    expect(plan.stderr).not.toContain(wrongKey);
    expect(plan.stderr).not.toMatch(/\n\s+at .+\.js:\d+/);
  });

  it('no API key at all says how to give one', async () => {
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], { env: { LIGHTYEAR_API_KEY: '' } });
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toContain('Missing API key');
    expect(plan.stderr).toContain('LIGHTYEAR_API_KEY');
  });
});
