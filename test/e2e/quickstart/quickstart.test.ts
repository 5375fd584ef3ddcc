/**
 * The README's main command, end to end: `lyctl quickstart` (what `npm run quickstart` runs) starts the local
 * cloud, installs the provider and deploys the example stack with the real cdktf and terraform; a second run
 * changes nothing.
 */
import { spawn } from 'node:child_process';
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

  it('deploys the example stack, and a second run reports no changes', async () => {
    const first = await lyctl(['quickstart', '--port', '0'], env);
    expect(first.stderr + first.stdout).toContain('Apply complete! Resources: 1 added');
    expect(first.code).toBe(0);
    const id = /SSH key id:\s+(sshk_\S+)/.exec(first.stdout)?.[1];
    const fingerprint = /SSH key fingerprint:\s+(SHA256:\S+)/.exec(first.stdout)?.[1];
    expect(id).toBeDefined();

    // The key really is in the cloud, with the fingerprint the stack output.
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { url: string };
    const apiKey = fs.readFileSync(path.join(dataDir, 'bootstrap-key'), 'utf8').trim();
    const client = new LightyearClient({ apiKey, endpoint: info.url });
    try {
      expect(await client.sshKeys.get(id!)).toMatchObject({ name: 'quickstart', fingerprint });
    } finally {
      await client.close();
    }

    const second = await lyctl(['quickstart', '--port', '0'], env);
    expect(second.code).toBe(0);
    // Not a terminal: no spinner frames, no escape codes (cursor moves or colour) in what a CI log keeps.
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      expect(output).not.toMatch(/[\u2800-\u28ff]/);
      expect(output).not.toContain('\u001b');
    }
    expect(second.stderr + second.stdout).toContain('No changes.');
    expect(second.stdout).toContain(`SSH key id:          ${id}`);
    expect(fs.readdirSync(env.TMPDIR!).filter((n) => n.startsWith('tfplugin'))).toEqual([]);
  });
});
