/**
 * `lyctl server deploy` under a real pseudo-terminal: util-linux `script` gives lyctl a terminal (no
 * node-pty is installed), so the live progress line is the one a person sees.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { Instance } from '../../../src/api';
import { LYCTL, ScratchCloud, cleanEnv } from './lyctl-process';
import { shellQuote } from '../../../src/cli/shell-quote';

jest.setTimeout(120_000);

const cloud = new ScratchCloud();
beforeAll(() => cloud.start());
afterAll(() => cloud.stop());

function scriptPath(): string {
  // Fails the test (rather than skipping it) when util-linux `script` is missing: the pty path must be tested.
  return execFileSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).trim();
}

/** Runs lyctl inside `script -qec`, so its stdin, stdout and stderr are a terminal; answers what it drew. */
function underPty(args: string[]): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, LYCTL, ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(scriptPath(), ['-qec', command, '/dev/null'], {
      env: cleanEnv({ TERM: 'xterm' }),
      cwd: cloud.dir,
    });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, screen }));
    child.stdin.end();
  });
}

it('deploy shows one live progress line with elapsed time and state, and ends with the address', async () => {
  const { code, screen } = await underPty([
    'server',
    'deploy',
    '--region',
    'ams',
    '--plan',
    'vc2-1c-1gb',
    '--image',
    'debian-12',
    '--label',
    'tty',
    '--data',
    cloud.dataDir,
  ]);
  expect(code).toBe(0);
  // The line is rewritten in place (carriage return + erase line) rather than printed once per poll.
  const updates = screen.split('\r\u001b[2K').slice(1);
  expect(updates.length).toBeGreaterThanOrEqual(2);
  expect(updates[0]).toMatch(/^Waiting for server inst_\w+ to become active: pending \(\d+s\)/);
  expect(updates.at(-1)).toMatch(/^Waiting for server inst_\w+ to become active: active \(\d+s\)\r?\n/);
  const [server] = await cloud.json<Instance[]>(['server', 'list', '--label', 'tty']);
  expect(server?.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  // The table row and the closing hint both carry the address.
  expect(screen).toMatch(
    new RegExp(
      `${server?.id} +tty +ams +vc2-1c-1gb +active +running +${server?.ipv4?.replace(/\./g, '\\.')}`,
    ),
  );
  expect(screen).toContain(`is active at ${server?.ipv4}`);
});

it('destroy on a terminal asks first, and an unmatched answer destroys nothing', async () => {
  const server = await cloud.json<Instance>([
    'server',
    'deploy',
    '--region',
    'ams',
    '--plan',
    'vc2-1c-1gb',
    '--image',
    'debian-12',
    '--label',
    'keep',
    '--no-wait',
  ]);
  // `script` reads the answer from its own stdin, which is closed at once: the question gets an empty line.
  const { code, screen } = await underPty(['server', 'destroy', server.id, '--data', cloud.dataDir]);
  expect(screen).toContain(`Destroy server keep (${server.id}`);
  expect(code).toBe(2);
  expect((await cloud.run(['server', 'show', server.id])).code).toBe(0);
});
