/**
 * The README's main command, end to end: `lyctl quickstart` (what `npm run quickstart` runs) starts the local
 * cloud, installs the provider and deploys the example stack with the real cdktf and terraform — an SSH key, a
 * firewall, two servers, a volume attached to one, a zone with records for both; a second run changes
 * nothing; a server's label edited in the synthesized configuration plans one in-place update; and
 * `lyctl quickstart --destroy` (`npm run quickstart:destroy`) leaves the local cloud empty.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LightyearClient } from '../../../src/client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LYCTL = path.join(ROOT, 'bin', 'lyctl');

function lyctl(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LYCTL, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('npm run quickstart', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lightyear-quickstart-'));
  const dataDir = path.join(root, 'data');
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('TF_') && !k.startsWith('LIGHTYEAR_')),
    ),
    HOME: path.join(root, 'home'),
    TMPDIR: path.join(root, 'tmp'),
    LIGHTYEAR_HOME: dataDir,
    CHECKPOINT_DISABLE: '1',
  };

  beforeAll(() => {
    fs.mkdirSync(env.HOME!, { recursive: true });
    fs.mkdirSync(env.TMPDIR!, { recursive: true });
  });

  afterAll(async () => {
    await lyctl(['local', 'stop'], env);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('deploys the example stack; a second run changes nothing; a label edit is one update; destroy empties the cloud', async () => {
    const first = await lyctl(['quickstart', '--port', '0'], env);
    expect(first.stderr + first.stdout).toContain('Apply complete! Resources: 13 added');
    expect(first.code).toBe(0);
    const address = (name: string) => new RegExp(`^${name}:\\s+(\\S+)$`, 'm').exec(first.stdout)?.[1];
    const fingerprint = address('ssh_key_fingerprint');
    expect(address('web_1_ipv4')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(address('web_2_ipv6')).toMatch(/^2001:db8:/);

    // It really is in the cloud: servers running behind the firewall with the key, the volume on web-1,
    // records pointing at both.
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { url: string };
    const apiKey = fs.readFileSync(path.join(dataDir, 'bootstrap-key'), 'utf8').trim();
    const client = new LightyearClient({ apiKey, endpoint: info.url });
    try {
      const [key] = await client.sshKeys.listAll();
      expect(key).toMatchObject({ name: 'quickstart', fingerprint });
      const [firewall] = await client.firewalls.listAll();
      const servers = await client.instances.listAll();
      expect(servers.map((s) => s.label).sort()).toEqual(['web-1', 'web-2']);
      for (const server of servers) {
        expect(server).toMatchObject({
          status: 'active',
          power_status: 'running',
          firewall_id: firewall!.id,
        });
        expect(server.ssh_key_ids).toEqual([key!.id]);
        expect(server.tags).toContain('managed-by:quickstart');
      }
      const web1 = servers.find((s) => s.label === 'web-1')!;
      const [volume] = await client.blocks.listAll();
      expect(volume).toMatchObject({ size_gb: 20, attached_to_instance_id: web1.id });
      const records = await client.dnsRecords('quickstart.example').listAll();
      expect(
        records
          .filter((r) => r.type === 'A')
          .map((r) => r.data)
          .sort(),
      ).toEqual([web1.ipv4, web1.ipv4, servers.find((s) => s.label === 'web-2')!.ipv4].sort());

      const second = await lyctl(['quickstart', '--port', '0'], env);
      expect(second.code).toBe(0);
      // Not a terminal: no spinner frames, no escape codes (cursor moves or colour) in what a CI log keeps.
      for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) {
        expect(output).not.toMatch(/[\u2800-\u28ff]/);
        expect(output).not.toContain('\u001b');
      }
      expect(second.stderr + second.stdout).toContain('No changes.');
      expect(second.stdout).toContain(`ssh_key_fingerprint: ${fingerprint}`);
      expect(fs.readdirSync(env.TMPDIR!).filter((n) => n.startsWith('tfplugin'))).toEqual([]);

      // A label edited: one in-place update and nothing else, planned by terraform on the synthesized
      // configuration against the same state (the backend path is absolute).
      const stackDir = path.join(dataDir, 'quickstart', 'cdktf.out', 'stacks', 'quickstart');
      const edited = path.join(root, 'edited');
      fs.cpSync(stackDir, edited, { recursive: true });
      const configFile = path.join(edited, 'cdk.tf.json');
      const config = fs.readFileSync(configFile, 'utf8');
      expect(config).toContain('"label": "web-2"');
      fs.writeFileSync(configFile, config.replace('"label": "web-2"', '"label": "web-2-renamed"'));
      const plan = spawnSync('terraform', ['plan', '-no-color', '-input=false', '-lock=false'], {
        cwd: edited,
        env: {
          ...env,
          LIGHTYEAR_ENDPOINT: info.url,
          LIGHTYEAR_API_KEY: apiKey,
          TF_CLI_CONFIG_FILE: path.join(dataDir, 'terraform.rc'),
        },
        encoding: 'utf8',
      });
      expect(plan.stderr).toBe('');
      expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
      expect(plan.stdout).toMatch(/~ label\s+= "web-2" -> "web-2-renamed"/);

      const destroy = await lyctl(['quickstart', '--destroy', '--port', '0'], env);
      expect(destroy.stderr + destroy.stdout).toContain('Destroy complete! Resources: 13 destroyed.');
      expect(destroy.code).toBe(0);
      // Nothing the quickstart made is left: only the bootstrap key of the cloud itself.
      expect(await client.instances.listAll()).toEqual([]);
      expect(await client.firewalls.listAll()).toEqual([]);
      expect(await client.blocks.listAll()).toEqual([]);
      expect(await client.sshKeys.listAll()).toEqual([]);
      expect(await client.domains.listAll()).toEqual([]);
    } finally {
      await client.close();
    }
  }, 300_000);
});
