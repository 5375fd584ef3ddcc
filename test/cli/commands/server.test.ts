/**
 * The terminal side of `lyctl server`, which a process test cannot reach without a terminal: the live
 * progress line, destroy's question, ssh handing over the terminal, and a server with no address yet. The
 * API is a scripted HTTP server; everything else is the real dispatcher and commands.
 */
import { COMMANDS } from '../../../src/cli/commands';
import type { CommandContext } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/dispatch';
import { reply, startScriptedServer, type ScriptedServer } from '../../client/helpers/scripted-server';

const INSTANCE = {
  id: 'inst_abc',
  label: 'web',
  hostname: 'web',
  region: 'ams',
  plan: 'vc2-1c-1gb',
  image: 'debian-12',
  status: 'active',
  power_status: 'running',
  ipv4: '203.0.113.7',
  ipv6: null,
  vcpu_count: 1,
  ram_mb: 1024,
  disk_gb: 25,
  ssh_key_ids: [],
  firewall_id: null,
  tags: [],
  backups: false,
  user_data_sha256: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const pending = { ...INSTANCE, status: 'pending', ipv4: null };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(
  argv: string[],
  steps: Parameters<typeof startScriptedServer>[0],
  extra: Partial<CommandContext> = {},
) {
  server = await startScriptedServer(steps);
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    env: { LIGHTYEAR_API_KEY: 'ly_test_key', LIGHTYEAR_ENDPOINT: server.url },
    cwd: '/nowhere',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...extra,
  };
  const code = await runCli(argv, ctx, COMMANDS, () => '0.0.0');
  return { code, out, err, requests: server.requests };
}

describe('lyctl server deploy on a terminal', () => {
  it('rewrites one progress line with the state, then ends it and prints the server', async () => {
    const progress: (string | undefined)[] = [];
    const { code, out, err } = await run(
      [
        'server',
        'deploy',
        '--region',
        'ams',
        '--plan',
        'vc2-1c-1gb',
        '--image',
        'debian-12',
        '--label',
        'web',
      ],
      [
        reply(202, { instance: pending }),
        reply(200, { instance: pending }),
        reply(200, { instance: INSTANCE }),
      ],
      { stderrIsTerminal: true, progress: (text) => progress.push(text) },
    );
    expect(code).toBe(0);
    expect(progress).toEqual([
      expect.stringMatching(/^Waiting for server inst_abc to become active: pending \(\ds\)$/),
      expect.stringMatching(/^Waiting for server inst_abc to become active: active \(\ds\)$/),
      undefined,
    ]);
    // Progress goes only to the progress line, never as separate stderr lines.
    expect(err.filter((line) => line.startsWith('Waiting'))).toEqual([]);
    expect(out[1]).toMatch(/^inst_abc +web +ams .* 203\.0\.113\.7$/);
  });
});

describe('lyctl server destroy on a terminal', () => {
  it('asks, naming the server, and deletes nothing when the answer does not match', async () => {
    const questions: string[] = [];
    const { code, err, requests } = await run(
      ['server', 'destroy', 'inst_abc'],
      [reply(200, { instance: INSTANCE })],
      {
        stdinIsTerminal: true,
        ask: (question) => {
          questions.push(question);
          return Promise.resolve('y');
        },
      },
    );
    expect(questions).toEqual([
      'Destroy server web (inst_abc, 203.0.113.7)? Its disk is lost. Type its label or id to confirm: ',
    ]);
    expect(code).toBe(2);
    expect(err).toEqual(['lyctl: not destroying server inst_abc: the answer did not match']);
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('deletes when the label is typed', async () => {
    const { code, out, requests } = await run(
      ['server', 'destroy', 'inst_abc'],
      [reply(200, { instance: INSTANCE }), reply(204)],
      { stdinIsTerminal: true, ask: () => Promise.resolve('web\n') },
    );
    expect(code).toBe(0);
    expect(out).toEqual(['Destroyed server inst_abc']);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/instances/inst_abc',
      'DELETE /v1/instances/inst_abc',
    ]);
  });
});

describe('lyctl server ssh', () => {
  it('hands the terminal to ssh USER@ADDRESS and exits with its code', async () => {
    const runs: string[][] = [];
    const { code } = await run(
      ['server', 'ssh', 'inst_abc', '-l', 'debian'],
      [reply(200, { instance: INSTANCE })],
      {
        runInteractive: (program, args) => {
          runs.push([program, ...args]);
          return Promise.resolve(255);
        },
      },
    );
    expect(runs).toEqual([['ssh', 'debian@203.0.113.7']]);
    expect(code).toBe(255);
  });

  it('says the server has no address yet while it provisions, and runs nothing', async () => {
    const runs: string[][] = [];
    const { code, err } = await run(['server', 'ssh', 'inst_abc'], [reply(200, { instance: pending })], {
      runInteractive: (program, args) => {
        runs.push([program, ...args]);
        return Promise.resolve(0);
      },
    });
    expect(code).toBe(1);
    expect(err).toEqual([
      'lyctl: server inst_abc has no address yet (status pending); wait with `npx lyctl server show inst_abc`',
    ]);
    expect(runs).toEqual([]);
  });

  it('refuses a --user that ssh would read as an option', async () => {
    const { code, err } = await run(
      ['server', 'ssh', 'inst_abc', '--user', '-oProxyCommand=x'],
      [reply(200, { instance: INSTANCE })],
    );
    expect(code).toBe(2);
    expect(err[0]).toContain("--user must be a user name, not '-oProxyCommand=x'");
  });
});
