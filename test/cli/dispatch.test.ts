import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineCommand, type CommandContext, type CommandTableEntry } from '../../src/cli/command';
import { CloudNotRunningError } from '../../src/cli/errors';
import { runCli } from '../../src/cli/dispatch';

interface Captured {
  ctx: CommandContext;
  out: string[];
  err: string[];
}

function capture(env: Record<string, string> = {}): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { ctx: { env, cwd: '/p', out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

const calls: unknown[] = [];
const table: CommandTableEntry[] = [
  {
    name: 'local',
    summary: 'Run a local cloud',
    commands: [
      defineCommand({
        name: 'start',
        summary: 'Start it',
        description: 'Starts it in the background.',
        options: { port: { type: 'string', valueName: 'N', description: 'port to listen on' } },
        async run(_ctx, options, args) {
          calls.push({ options, args });
          return 0;
        },
      }),
      defineCommand({
        name: 'env',
        summary: 'Print its environment',
        options: {},
        async run() {
          throw new CloudNotRunningError('/p/.lightyear');
        },
      }),
      defineCommand({
        name: 'crash',
        summary: 'Fail unexpectedly',
        options: {},
        async run() {
          throw new Error('boom');
        },
      }),
    ],
  },
  defineCommand({
    name: 'quickstart',
    summary: 'Do everything',
    options: { yes: { type: 'boolean', short: 'y', description: 'no questions' } },
    async run(ctx, options) {
      ctx.out(`yes=${String(options.yes)}`);
      return 0;
    },
  }),
];

async function run(argv: string[], env?: Record<string, string>) {
  const captured = capture(env);
  const code = await runCli(argv, captured.ctx, table, () => '9.9.9');
  return { code, out: captured.out.join('\n'), err: captured.err };
}

beforeEach(() => {
  calls.length = 0;
});

describe('runCli', () => {
  it('prints the version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: '9.9.9', err: [] });
  });

  it('lists every command in the main help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^lyctl 9\.9\.9: /);
    expect(out).toMatch(/ {2}local start +Start it\n/);
    expect(out).toMatch(/ {2}quickstart +Do everything\n/);
    expect(out).toContain('LIGHTYEAR_HOME');
  });

  it('shows the help on stderr and fails when no command is given', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err.join('\n')).toContain('Usage: lyctl <command>');
    const group = await run(['local']);
    expect(group.code).toBe(2);
    expect(group.err.join('\n')).toContain('Usage: lyctl local <command>');
  });

  it('shows group and command help', async () => {
    expect((await run(['local', '--help'])).out).toMatch(/ {2}start +Start it/);
    const help = await run(['local', 'start', '--port', '1', '-h']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: lyctl local start [options]');
    expect(help.out).toContain('Starts it in the background.');
    expect(help.out).toMatch(/--port N +port to listen on/);
    expect(calls).toEqual([]);
  });

  it('runs a command with its parsed options', async () => {
    expect((await run(['local', 'start', '--port=0'])).code).toBe(0);
    expect(calls).toEqual([{ options: { port: '0' }, args: [] }]);
    expect((await run(['quickstart', '-y'])).out).toBe('yes=true');
  });

  it.each([
    [['lcoal'], "lyctl: unknown command 'lcoal' (see `npx lyctl --help`)"],
    [['--verbose'], "lyctl: unknown option '--verbose' (see `npx lyctl --help`)"],
    [
      ['local', 'strat'],
      "lyctl: unknown command 'local strat'; `lyctl local` has: start, env, crash (see `npx lyctl local --help`)",
    ],
    [
      ['local', 'start', '--prot', '1'],
      'lyctl: unknown option --prot for `lyctl local start` (see `npx lyctl local start --help`)',
    ],
    [
      ['local', 'start', 'now'],
      "lyctl: unexpected argument 'now' for `lyctl local start` (see `npx lyctl local start --help`)",
    ],
  ])('refuses %j with one line and exit code 2', async (argv, line) => {
    expect(await run(argv)).toEqual({ code: 2, out: '', err: [line] });
  });

  it('reports an operational failure in one line with exit code 1', async () => {
    expect(await run(['local', 'env'])).toEqual({
      code: 1,
      out: '',
      err: ['lyctl: no local cloud is running for /p/.lightyear; start one with `npx lyctl local start`'],
    });
  });

  it('reports an unexpected error in one line, with the stack only under LYCTL_DEBUG=1', async () => {
    const quiet = await run(['local', 'crash']);
    expect(quiet).toEqual({
      code: 1,
      out: '',
      err: ['lyctl: unexpected error: boom (set LYCTL_DEBUG=1 for the stack trace)'],
    });
    const debug = await run(['local', 'crash'], { LYCTL_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.err[0]).toMatch(/^lyctl: unexpected error: Error: boom\n\s+at /);
  });
});

describe('runCli and files', () => {
  const missing = path.join(os.tmpdir(), 'lyctl-dispatch-no-such-dir', 'key.pub');
  const reading = defineCommand({
    name: 'read',
    summary: 'Read a file that is not there',
    options: {},
    async run() {
      fs.readFileSync(missing);
      return 0;
    },
  });

  it('reports a file that cannot be read in words, naming it, not as an unexpected ENOENT', async () => {
    const captured = capture();
    const code = await runCli(['read'], captured.ctx, [reading], () => '9.9.9');
    expect(code).toBe(1);
    expect(captured.err).toEqual([`lyctl: cannot open ${missing}: no such file`]);
  });
});
