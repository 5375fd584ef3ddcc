import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Each test runs lyctl several times (~150 ms per run, ~450 ms for a start).
jest.setTimeout(60_000);

// These tests run the built program exactly as a user does: `npm run build` first (npm test does).
const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let scratch: string;
let dataDir: string;

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.LIGHTYEAR_HOME;
  delete env.LYCTL_DEBUG;
  return { ...env, ...extra };
}

function lyctl(args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LYCTL, ...args],
      { cwd: scratch, env: cleanEnv(extraEnv) },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Running: alive and not a zombie (an exited process that init reaps in its own time, here up to ~1.5 s). */
function running(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function recordedPid(): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-local-'));
  dataDir = path.join(scratch, 'data');
});

afterEach(() => {
  // Never leave a cloud behind, even when a test failed half-way.
  const pid = recordedPid();
  if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('lyctl local', () => {
  it('start → answers with the printed key → status → env → idempotent start → stop leaves no process', async () => {
    const started = await lyctl(['local', 'start', '--port', '0', '--data', dataDir]);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    const endpoint = /^Endpoint: (http:\/\/127\.0\.0\.1:(\d+)\/v1)$/m.exec(started.stdout);
    const key = /^API key: +(\S+)$/m.exec(started.stdout);
    expect(endpoint).not.toBeNull();
    expect(key).not.toBeNull();
    const url = endpoint![1]!;
    const apiKey = key![1]!;
    expect(Number(endpoint![2])).toBeGreaterThan(0);
    expect(started.stdout).toContain('eval "$(npx lyctl local env --data ');

    const pid = recordedPid()!;
    expect(running(pid)).toBe(true);
    expect(fs.readFileSync(path.join(dataDir, 'bootstrap-key'), 'utf8').trim()).toBe(apiKey);

    const authorized = await fetch(`${url}/ssh-keys`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(authorized.status).toBe(200);
    await authorized.body?.cancel();
    const anonymous = await fetch(`${url}/ssh-keys`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();

    const status = await lyctl(['local', 'status', '--data', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`pid ${pid}, endpoint ${url}`);

    const again = await lyctl(['local', 'start', '--data', dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already running');
    expect(again.stdout).toContain(`Endpoint: ${url}\n`);
    expect(again.stdout).toContain(`API key:  ${apiKey}\n`);
    expect(recordedPid()).toBe(pid);

    const env = await lyctl(['local', 'env', '--data', dataDir]);
    expect(env.code).toBe(0);
    const evaluated = await new Promise<string>((resolve, reject) => {
      execFile(
        '/bin/sh',
        [
          '-c',
          `${env.stdout}\nprintf '%s\\n' "$LIGHTYEAR_ENDPOINT" "$LIGHTYEAR_API_KEY" "$TF_CLI_CONFIG_FILE" "$CHECKPOINT_DISABLE"`,
        ],
        { env: {} },
        (error, stdout) => (error === null ? resolve(stdout) : reject(error)),
      );
    });
    expect(evaluated.split('\n')).toEqual([url, apiKey, path.join(dataDir, 'terraform.rc'), '1', '']);
    expect(fs.readFileSync(path.join(dataDir, 'terraform.rc'), 'utf8')).toContain(
      path.join(dataDir, 'providers'),
    );

    const stopped = await lyctl(['local', 'stop', '--data', dataDir]);
    expect(stopped).toEqual({ code: 0, stdout: `Stopped the local cloud (pid ${pid}).\n`, stderr: '' });
    expect(running(pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'cloud.json'))).toBe(false);
    await expect(fetch(`${url}/ssh-keys`)).rejects.toThrow();

    expect(await lyctl(['local', 'status', '--data', dataDir])).toMatchObject({ code: 3 });
    expect((await lyctl(['local', 'stop', '--data', dataDir])).stdout).toBe(
      `No local cloud is running for ${dataDir}.\n`,
    );
    // Not on a terminal, as under `eval "$(...)"`: the failure is shell code that fails visibly.
    expect(await lyctl(['local', 'env', '--data', dataDir])).toEqual({
      code: 1,
      stdout:
        `echo 'lyctl: no local cloud is running for ${dataDir}; start one with ` +
        `\`npx lyctl local start --data ${dataDir}\`' >&2; false\n`,
      stderr: '',
    });
  });

  it('keeps the API key in the log out of sight', async () => {
    const started = await lyctl(['local', 'start', '--port', '0', '--data', dataDir]);
    expect(started.code).toBe(0);
    const apiKey = /^API key: +(\S+)$/m.exec(started.stdout)![1]!;
    expect(await lyctl(['local', 'stop', '--data', dataDir])).toMatchObject({ code: 0 });
    expect(fs.readFileSync(path.join(dataDir, 'cloud.log'), 'utf8')).not.toContain(apiKey);
    expect(fs.readFileSync(path.join(dataDir, 'cloud.json'), { flag: 'a+' }).toString()).not.toContain(
      apiKey,
    );
  });

  it('uses ./.lightyear, or LIGHTYEAR_HOME, when no --data is given', async () => {
    expect((await lyctl(['local', 'status'])).stdout).toBe(
      `not running (data ${path.join(scratch, '.lightyear')})\n`,
    );
    const home = path.join(scratch, 'home');
    expect((await lyctl(['local', 'status'], { LIGHTYEAR_HOME: home })).stdout).toBe(
      `not running (data ${home})\n`,
    );
  });

  it('fails to start on a taken port with the reason, and leaves no process', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await lyctl(['local', 'start', '--port', String(port), '--data', dataDir]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`port ${port} is already in use; pass --port N`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(recordedPid()).toBeUndefined();
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serve runs in the foreground and closes cleanly on %s',
    async (signal) => {
      const child = spawn(process.execPath, [LYCTL, 'local', 'serve', '--port', '0', '--data', dataDir], {
        cwd: scratch,
        env: cleanEnv(),
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await waitFor(() => stdout.includes('listening on'));
      expect(recordedPid()).toBe(child.pid);
      expect((await lyctl(['local', 'status', '--data', dataDir])).code).toBe(0);

      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stdout).toContain(`Received ${signal}; shutting down.`);
      expect(fs.existsSync(path.join(dataDir, 'cloud.json'))).toBe(false);
    },
  );

  it('refuses a second foreground cloud on the same data directory', async () => {
    expect((await lyctl(['local', 'start', '--port', '0', '--data', dataDir])).code).toBe(0);
    const second = await lyctl(['local', 'serve', '--port', '0', '--data', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^lyctl: a local cloud for this data directory is already running \(pid \d+, /,
    );
    expect((await lyctl(['local', 'stop', '--data', dataDir])).code).toBe(0);
  });
});

describe('lyctl usage errors', () => {
  it.each([
    [
      ['local', 'start', '--bogus'],
      'lyctl: unknown option --bogus for `lyctl local start` (see `npx lyctl local start --help`)',
    ],
    [
      ['local', 'start', '--port', '70000'],
      "lyctl: --port must be a whole number from 0 to 65535 (0 = any free port), not '70000' (see `npx lyctl local start --help`)",
    ],
    [['launch'], "lyctl: unknown command 'launch' (see `npx lyctl --help`)"],
    [
      ['provider', 'install', '--mirror'],
      'lyctl: --mirror needs a value (--mirror DIR) (see `npx lyctl provider install --help`)',
    ],
  ])('%j: one line on stderr, exit 2, no stack trace', async (args, line) => {
    expect(await lyctl(args)).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('prints the version and the help', async () => {
    const version = (
      JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(await lyctl(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await lyctl(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'local start',
      'local serve',
      'local stop',
      'local status',
      'local env',
      'provider install',
    ]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    expect((await lyctl(['local', 'env', '--help'])).stdout).toContain('Usage: lyctl local env [options]');
  });
});
