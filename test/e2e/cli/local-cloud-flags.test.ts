import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { LightyearClient } from '../../../src/client';

// Runs the built program as a user does: `npm run build` first (npm test does).
const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

function lyctl(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.LIGHTYEAR_HOME;
  return new Promise((resolve) => {
    execFile(process.execPath, [LYCTL, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

let scratch: string;
let dataDir: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-flags-'));
  dataDir = path.join(scratch, 'data');
});
afterEach(async () => {
  await lyctl(['local', 'stop', '--data', dataDir], scratch);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('lyctl local start --tls --rate-limit --lifecycle', () => {
  it('serves HTTPS with its CA exported by `local env`, at the given rate limit', async () => {
    const started = await lyctl(
      [
        'local',
        'start',
        '--port',
        '0',
        '--data',
        dataDir,
        '--tls',
        '--rate-limit',
        '5',
        '--lifecycle-speed',
        '10',
      ],
      scratch,
    );
    expect(started).toMatchObject({ code: 0, stderr: '' });
    const url = /^Endpoint: (https:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(started.stdout)?.[1];
    const apiKey = /^API key: +(\S+)$/m.exec(started.stdout)?.[1];
    const caPath = path.join(dataDir, 'tls-cert.pem');
    expect(url).toBeDefined();
    expect(started.stdout).toContain(`CA cert:  ${caPath}\n`);

    const env = await lyctl(['local', 'env', '--data', dataDir], scratch);
    expect(env.code).toBe(0);
    expect(env.stdout).toContain(`export LIGHTYEAR_CA_CERT=${caPath}\n`);

    const dispatcher = new Agent({ connect: { ca: fs.readFileSync(caPath) } });
    const res = await fetch(`${url}/ssh-keys`, {
      headers: { authorization: `Bearer ${apiKey}` },
      dispatcher,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    await res.body?.cancel();
    await dispatcher.close();

    const client = new LightyearClient({
      apiKey: apiKey as string,
      endpoint: url,
      ca: fs.readFileSync(caPath),
    });
    try {
      await expect(client.sshKeys.list()).resolves.toMatchObject({ items: [] });
    } finally {
      await client.close();
    }
  });

  it('refuses a bad flag value before starting anything', async () => {
    const result = await lyctl(['local', 'start', '--data', dataDir, '--lifecycle', 'fast'], scratch);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--lifecycle must be demo or instant, not 'fast'");
    expect(fs.existsSync(path.join(dataDir, 'cloud.json'))).toBe(false);
  });
});
