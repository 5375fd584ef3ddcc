/**
 * One local cloud, found from anywhere: the data directory is the nearest .lightyear upwards (or
 * LIGHTYEAR_HOME); a port held by another data directory's cloud is named as such; a second start asking for
 * another port is refused; a failed start leaves no directory behind; and `eval "$(lyctl local env)"` with no
 * cloud fails in the shell that evaluates it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let scratch: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.LIGHTYEAR_HOME;
  delete base.LYCTL_DEBUG;
  return { ...base, ...extra };
}

function run(file: string, args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: env(extra) }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function lyctl(args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Result> {
  return run(process.execPath, [LYCTL, ...args], cwd, extra);
}

function recordedPid(dataDir: string): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

function endpointOf(result: Result): { url: string; port: number } {
  const match = /^Endpoint: (http:\/\/127\.0\.0\.1:(\d+)\/v1)$/m.exec(result.stdout);
  expect(match).not.toBeNull();
  return { url: match![1]!, port: Number(match![2]) };
}

const started: string[] = [];

beforeEach(() => {
  // realpath: the paths lyctl prints are resolved from its working directory.
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-find-')));
});

afterEach(() => {
  for (const dataDir of started.splice(0)) {
    const pid = recordedPid(dataDir);
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the data directory, found from anywhere', () => {
  it('a stack in a subdirectory uses the cloud started at the project root', async () => {
    const project = path.join(scratch, 'project');
    const stack = path.join(project, 'infra', 'dns');
    fs.mkdirSync(stack, { recursive: true });
    const dataDir = path.join(project, '.lightyear');
    started.push(dataDir);

    const start = await lyctl(['local', 'start', '--port', '0'], project);
    expect(start.code).toBe(0);
    expect(start.stdout).toContain(`data ${dataDir})`);
    expect(start.stdout).toContain('To use it from this shell: eval "$(npx lyctl local env)"');
    const { url } = endpointOf(start);

    const status = await lyctl(['local', 'status'], stack);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`endpoint ${url}, data ${dataDir}`);
    const exports = await lyctl(['local', 'env'], stack);
    expect(exports.code).toBe(0);
    expect(exports.stdout).toContain(`export LIGHTYEAR_ENDPOINT=${url}\n`);
    expect(exports.stdout).toContain(`export TF_CLI_CONFIG_FILE=${path.join(dataDir, 'terraform.rc')}\n`);

    // LIGHTYEAR_HOME wins over the search: another directory, where nothing runs.
    const elsewhere = path.join(scratch, 'elsewhere');
    const other = await lyctl(['local', 'status'], stack, { LIGHTYEAR_HOME: elsewhere });
    expect(other).toMatchObject({ code: 3, stdout: `not running (data ${elsewhere})\n` });

    expect((await lyctl(['local', 'stop'], stack)).stdout).toMatch(/^Stopped the local cloud/);
  });
});

describe('lyctl local start', () => {
  it('names the other data directory whose cloud holds the port, and creates nothing', async () => {
    const first = path.join(scratch, 'first');
    started.push(first);
    const { port } = endpointOf(await lyctl(['local', 'start', '--port', '0', '--data', first], scratch));
    const pid = recordedPid(first)!;

    const second = path.join(scratch, 'second');
    const result = await lyctl(['local', 'start', '--port', String(port), '--data', second], scratch);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `lyctl: port ${port} is already in use by the local cloud of ${first} (pid ${pid}); ` +
        `use that one (\`eval "$(npx lyctl local env --data ${first})"\`), ` +
        `stop it (\`npx lyctl local stop --data ${first}\`), ` +
        'or pass --port N for another port, or --port 0 for any free one\n',
    });
    expect(fs.existsSync(second)).toBe(false);
  });

  it('refuses another --port for the cloud already running, and keeps it', async () => {
    const dataDir = path.join(scratch, 'data');
    started.push(dataDir);
    const { url, port } = endpointOf(
      await lyctl(['local', 'start', '--port', '0', '--data', dataDir], scratch),
    );
    const pid = recordedPid(dataDir)!;

    const other = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const again = await lyctl(['local', 'start', '--port', String(other), '--data', dataDir], scratch);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `lyctl: a local cloud for this data directory is already running on another port (pid ${pid}, ${url}), ` +
        `not ${other}; use it as it is, or stop it first (\`npx lyctl local stop --data ${dataDir}\`)\n`,
    });
    // The same port, or none, is the running cloud.
    expect((await lyctl(['local', 'start', '--port', String(port), '--data', dataDir], scratch)).code).toBe(
      0,
    );
    const plain = await lyctl(['local', 'start', '--data', dataDir], scratch);
    expect(plain.stdout).toContain('already running');
    expect(recordedPid(dataDir)).toBe(pid);
  });

  it('leaves no half-made data directory when the port is taken by something else', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const dataDir = path.join(scratch, 'new', '.lightyear');
      const result = await lyctl(['local', 'start', '--port', String(port), '--data', dataDir], scratch);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `lyctl: port ${port} is already in use; pass --port N for another port, or --port 0 for any free one\n`,
      );
      expect(fs.readdirSync(scratch)).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});

describe('eval "$(lyctl local env)" with no cloud running', () => {
  it('fails in the shell that evaluates it, saying why and what to run', async () => {
    const script = `eval "$('${process.execPath}' '${LYCTL}' local env)" && echo exported; echo "status=$?"`;
    const result = await run('/bin/sh', ['-c', script], scratch);
    expect(result.stdout).toBe('status=1\n');
    expect(result.stderr).toBe(
      `lyctl: no local cloud is running for ${path.join(scratch, '.lightyear')}; ` +
        'start one with `npx lyctl local start`\n',
    );
    // Under `set -e`, as in CI scripts, the script stops there.
    const strict = await run(
      '/bin/sh',
      ['-c', `set -e; eval "$('${process.execPath}' '${LYCTL}' local env)"; echo exported`],
      scratch,
    );
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
  });
});
