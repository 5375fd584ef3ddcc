import { COMMANDS } from '../../../src/cli/commands';
import type { CommandContext } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/dispatch';
import {
  reply,
  SSH_KEY,
  startScriptedServer,
  type ScriptedServer,
} from '../../client/helpers/scripted-server';

// An endpoint that serves names with terminal escapes (an older database, another API, a hostile server):
// what lyctl prints must reach the terminal with every control character escaped.
const HOSTILE_NAME = 'evil\u001b]0;owned\u0007\u001b[2J\u0000\nfake row\u009b31m\u202e';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(argv: string[], steps: Parameters<typeof startScriptedServer>[0]) {
  server = await startScriptedServer(steps);
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    env: { LIGHTYEAR_API_KEY: 'ly_test_key', LIGHTYEAR_ENDPOINT: server.url },
    cwd: '/nowhere',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const code = await runCli(argv, ctx, COMMANDS, () => '0.0.0');
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('lyctl ssh-key output with hostile names', () => {
  const page = { ssh_keys: [{ ...SSH_KEY, name: HOSTILE_NAME }], meta: { total: 1, next_cursor: null } };

  it('escapes control characters in the table, and a newline in a name cannot forge a row', async () => {
    const { code, out } = await run(['ssh-key', 'list'], [reply(200, page)]);
    expect(code).toBe(0);
    expect(out).not.toMatch(RAW_CONTROL);
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('evil\\u001b]0;owned\\u0007\\u001b[2J\\u0000\\u000afake row\\u009b31m\\u202e');
  });

  it('keeps --json output valid JSON that parses back to the same name', async () => {
    const { out } = await run(['ssh-key', 'list', '--json'], [reply(200, page)]);
    expect(out).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(out) as { name: string }[])[0]?.name).toBe(HOSTILE_NAME);
  });

  it('escapes them in an API error message too', async () => {
    const { code, err } = await run(
      ['ssh-key', 'delete', 'sshk_1'],
      [
        reply(404, {
          error: { code: 'not_found', message: `No key named ${HOSTILE_NAME}.` },
          request_id: 'req_1',
        }),
      ],
    );
    // 4: not found (docs/cli.md, exit codes).
    expect(code).toBe(4);
    expect(err).toMatch(/^lyctl: No key named evil\\u001b\]0;owned/);
    expect(err).not.toMatch(RAW_CONTROL);
  });
});
