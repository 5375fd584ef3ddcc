/**
 * `lyctl import` end to end: objects made through the API only, lyctl run as a process writes the
 * configuration, and the real terraform (and once, the real cdktf) imports them with no other change; after
 * apply the next plan is empty. Also `--orphans` against the state that apply wrote, and `--kind`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { INSTANT_DURATIONS } from '../../../src/cloud';
import { cdktfEnvironment } from '../../../src/cli/cdktf-environment';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, type LightyearWorkspace } from '../provider/lightyear-workspace';
import { runLyctl } from './lyctl-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CDKTF = path.join(ROOT, 'node_modules', '.bin', 'cdktf');

interface Seeded {
  readonly ownKeyId: string;
  readonly count: number;
}

/** An account made by hand: what `lyctl import` is for. Returns how many resources it should import. */
async function seedAccount(lw: LightyearWorkspace): Promise<Seeded> {
  const c = lw.client;
  const deploy = await c.sshKeys.create({ name: 'deploy', public_key: generateSshPublicKey('ed25519').line });
  const ops = await c.sshKeys.create({
    name: 'Ops laptop',
    public_key: generateSshPublicKey('ed25519').line,
  });
  const webFw = await c.firewalls.create({
    name: 'web',
    inbound_rules: [
      { protocol: 'tcp', ports: '22', sources: ['203.0.113.0/24', '2001:db8::/32'] },
      { protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0', '::/0'] },
      { protocol: 'icmp', sources: ['0.0.0.0/0'] },
    ],
    outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }],
  });
  await c.firewalls.create({ name: 'spare' });
  const web = await c.instances.create({
    region: 'ams',
    plan: 'vc2-1c-1gb',
    image: 'debian-12',
    label: 'web',
    ssh_key_ids: [deploy.id, ops.id],
    firewall_id: webFw.id,
    tags: ['web', 'prod'],
    enable_ipv6: true,
    user_data: Buffer.from('#cloud-config\nruncmd: [echo hi]\n').toString('base64'),
  });
  // The same label twice: the names must still be unique.
  const web2 = await c.instances.create({
    region: 'fra',
    plan: 'vc2-1c-1gb',
    image: 'debian-12',
    label: 'web',
    ssh_key_ids: [deploy.id],
    firewall_id: webFw.id,
  });
  const servers = await Promise.all([web, web2].map((s) => waitActive(lw, s.id)));
  // A snapshot refers to its server; a stopped server is configured stopped.
  const snapshot = await c.snapshots.create({ instance_id: web2.id, description: 'before upgrade' });
  await waitFor(async () => (await c.snapshots.get(snapshot.id)).status === 'complete');
  await c.instances.stop(web2.id);
  await waitFor(async () => (await c.instances.get(web2.id)).power_status === 'stopped');
  const data = await c.blocks.create({ region: 'ams', size_gb: 20, label: 'data' });
  await c.blocks.create({ region: 'ams', size_gb: 10, label: 'scratch' });
  await waitFor(async () => (await c.blocks.get(data.id)).status === 'active');
  await c.blocks.attach(data.id, web.id);
  await waitFor(async () => (await c.blocks.get(data.id)).attached_to_instance_id === web.id);

  await c.domains.create({ domain: 'example.com' });
  const records = c.dnsRecords('example.com');
  const [s1, s2] = servers;
  await records.create({ type: 'A', name: '', data: s1!.ipv4 as string });
  await records.create({ type: 'A', name: 'www', data: s2!.ipv4 as string, ttl: 600 });
  await records.create({ type: 'AAAA', name: 'www', data: s1!.ipv6 as string });
  await records.create({ type: 'CNAME', name: 'blog', data: 'hosting.example.net.' });
  await records.create({ type: 'MX', name: '', data: 'mail.example.net.', priority: 10 });
  await records.create({ type: 'TXT', name: '', data: 'v=spf1 "quoted" ${not_a_template} %{nor_this}' });

  const keys = await c.apiKeys.listAll();
  await c.apiKeys.create({ name: 'ci read-only', permissions: ['instances:read'] });
  await c.webhooks.create({ url: 'https://hooks.example.com/lightyear', events: ['instance.created'] });
  const own = keys.find((k) => k.prefix === lw.cloud.apiKey.slice(0, 9));
  if (own === undefined) throw new Error('the cloud lists no key with the bootstrap key prefix');
  // keys 2, firewalls 2, servers 2, volumes 2 + 1 attachment, snapshot 1, domain 1, records 6, api key 1,
  // webhook 1.
  return { ownKeyId: own.id, count: 19 };
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

async function waitActive(lw: LightyearWorkspace, id: string) {
  await waitFor(async () => (await lw.client.instances.get(id)).status === 'active');
  return lw.client.instances.get(id);
}

describe('lyctl import', () => {
  let lw: LightyearWorkspace;
  let seeded: Seeded;
  const lyctl = (args: readonly string[]) =>
    runLyctl(args, {
      env: { LIGHTYEAR_ENDPOINT: lw.cloud.url, LIGHTYEAR_API_KEY: lw.cloud.apiKey, HOME: lw.ws.homeDir },
    });
  const outDir = (name: string) => path.join(lw.ws.root, name);

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: INSTANT_DURATIONS });
    seeded = await seedAccount(lw);
  }, 120_000);

  afterAll(async () => {
    await lw?.dispose();
  });

  it('writes configuration that terraform imports with no other change, and plans empty after apply', async () => {
    const run = await lyctl(['import', '--out', lw.ws.workDir]);
    expect(run.stderr).toContain(`${seeded.count} object(s) to import`);
    expect(run.code).toBe(0);
    const tf = fs.readFileSync(path.join(lw.ws.workDir, 'imported.tf'), 'utf8');
    // References, not copied ids or addresses.
    expect(tf).toContain('firewall_id  = lightyear_firewall.web.id');
    expect(tf).toMatch(/ssh_key_ids += \[lightyear_ssh_key\.\w+\.id, lightyear_ssh_key\.\w+\.id\]/);
    expect(tf).toContain('data   = lightyear_instance.web.ipv4');
    expect(tf).toContain('data   = lightyear_instance.web_2.ipv4');
    expect(tf).toContain('data   = lightyear_instance.web.ipv6');
    expect(tf).toContain('domain = lightyear_dns_domain.example_com.id');
    expect(tf).toContain('block_id    = lightyear_block_storage.data.id');
    expect(tf).toContain('instance_id = lightyear_instance.web.id');
    expect(tf).toMatch(
      /resource "lightyear_snapshot" "before_upgrade" \{\n {2}instance_id = lightyear_instance\.web_2\.id\n/,
    );
    expect(tf).toContain('power_status = "stopped"');
    expect(tf).toContain('"v=spf1 \\"quoted\\" $${not_a_template} %%{nor_this}"');
    // What cannot be imported is said, not faked.
    expect(tf).toContain('# user_data is left out');
    expect(tf).toContain('# secret cannot be imported');
    expect(tf).not.toContain(`id = "${seeded.ownKeyId}"`);
    expect(run.stderr).toContain(`API key ${seeded.ownKeyId}`);

    // Laid out as terraform fmt lays it out: fmt has nothing to change.
    const fmt = await lw.tf(['fmt', '-check', '-no-color']);
    expect(fmt.stdout).toBe('');
    expect(fmt.code).toBe(0);

    const init = await lw.tf(['init', '-no-color', '-input=false']);
    expect(init.code).toBe(0);
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain(`Plan: ${seeded.count} to import, 0 to add, 0 to change, 0 to destroy.`);
    const apply = await lw.tf(['apply', '-no-color', '-input=false', '-auto-approve']);
    expect(apply.stdout).toContain(
      `Apply complete! Resources: ${seeded.count} imported, 0 added, 0 changed, 0 destroyed.`,
    );
    const again = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  }, 300_000);

  it('--orphans leaves out what the state manages; --kind keeps one kind', async () => {
    const newKey = await lw.client.sshKeys.create({
      name: 'new',
      public_key: generateSshPublicKey('ed25519').line,
    });
    const record = await lw.client
      .dnsRecords('example.com')
      .create({ type: 'TXT', name: 'new', data: 'hello' });
    const state = path.join(lw.ws.workDir, 'terraform.tfstate');

    const orphans = await lyctl(['import', '--out', outDir('orphans'), '--orphans', state]);
    expect(orphans.code).toBe(0);
    const tf = fs.readFileSync(path.join(outDir('orphans'), 'imported.tf'), 'utf8');
    expect(
      [...tf.matchAll(/^import \{\n {2}to = (\S+)\n {2}id = "([^"]+)"/gm)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['lightyear_ssh_key.new', newKey.id],
      ['lightyear_dns_record.txt_new_example_com', `example.com/${record.id}`],
    ]);
    expect(tf).toContain('domain = "example.com"');
    expect(tf).toContain('# domain: example.com is lightyear_dns_domain.example_com in the given state.');

    const onlyKeys = await lyctl(['import', '--out', outDir('keys'), '--kind', 'ssh-key']);
    expect(onlyKeys.code).toBe(0);
    const keysTf = fs.readFileSync(path.join(outDir('keys'), 'imported.tf'), 'utf8');
    const types = [...keysTf.matchAll(/^resource "(\w+)"/gm)].map((m) => m[1]);
    expect(types).toEqual(['lightyear_ssh_key', 'lightyear_ssh_key', 'lightyear_ssh_key']);

    const withOwn = await lyctl(['import', '--out', outDir('own'), '--kind', 'api-key', '--include-own-key']);
    expect(withOwn.code).toBe(0);
    expect(fs.readFileSync(path.join(outDir('own'), 'imported.tf'), 'utf8')).toContain(
      `id = "${seeded.ownKeyId}"`,
    );

    const bad = await lyctl([
      'import',
      '--out',
      outDir('bad'),
      '--orphans',
      path.join(lw.ws.root, 'nope.tfstate'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nope.tfstate');
    // A file it did not write is not overwritten.
    fs.writeFileSync(path.join(outDir('keys'), 'providers.tf'), '# mine\n');
    const clobber = await lyctl(['import', '--out', outDir('keys'), '--kind', 'ssh-key']);
    expect(clobber.code).toBe(1);
    expect(fs.readFileSync(path.join(outDir('keys'), 'providers.tf'), 'utf8')).toBe('# mine\n');
  }, 120_000);

  it('--cdktf writes a stack that cdktf diff shows as imports only', async () => {
    const dir = outDir('cdktf');
    const run = await lyctl(['import', '--out', dir, '--cdktf']);
    expect(run.code).toBe(0);
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    expect(main).toContain('firewallId: firewallWeb.id,');
    expect(main).toContain('data: instanceWeb.ipv4,');
    expect(main).toContain('domain: dnsDomainExampleCom.id,');
    // What `npm install` would give: this package and cdktf from the repository's node_modules.
    const modules = path.join(dir, 'node_modules');
    fs.mkdirSync(modules);
    fs.symlinkSync(ROOT, path.join(modules, 'lightyear-iac'));
    for (const name of ['cdktf', 'constructs', 'tsx'])
      fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
    const env = cdktfEnvironment(
      {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => !k.startsWith('TF_') && !k.startsWith('LIGHTYEAR_')),
        ),
        HOME: lw.ws.homeDir,
        TMPDIR: lw.ws.tmpDir,
        CHECKPOINT_DISABLE: '1',
        ...lw.env,
      },
      { terminal: false },
    );
    const total = await countResources(dir);
    const diff = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      const child = spawn(CDKTF, ['diff', '--skip-provider-lock'], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, output }));
    });
    expect(diff.output).toContain(`Plan: ${total} to import, 0 to add, 0 to change, 0 to destroy.`);
    expect(diff.code).toBe(0);
  }, 300_000);
});

async function countResources(dir: string): Promise<number> {
  return (fs.readFileSync(path.join(dir, 'main.ts'), 'utf8').match(/\.importFrom\(/g) ?? []).length;
}
