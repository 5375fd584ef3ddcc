/**
 * `lyctl volume attach` while the volume or the server is still provisioning: the API answers a busy 409,
 * and lyctl tries again (showing that it waits) until the attach goes through.
 */
import { COMMANDS } from '../../../src/cli/commands';
import type { CommandContext } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/dispatch';
import {
  apiError,
  reply,
  startScriptedServer,
  type ScriptedServer,
} from '../../client/helpers/scripted-server';

const BLOCK = {
  id: 'blk_1',
  label: 'data',
  region: 'ams',
  size_gb: 10,
  status: 'active',
  attached_to_instance_id: 'inst_1',
  created_at: '2026-01-01T00:00:00.000Z',
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('tries again while the API answers busy, then prints the attached volume', async () => {
  server = await startScriptedServer([
    apiError(409, 'conflict', 'Instance inst_1 is pending; try again.', { retryable: true }),
    apiError(409, 'conflict', 'Instance inst_1 is pending; try again.', { retryable: true }),
    reply(200, { block: BLOCK }),
  ]);
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    env: { LIGHTYEAR_API_KEY: 'ly_test_key', LIGHTYEAR_ENDPOINT: server.url },
    cwd: '/nowhere',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const code = await runCli(['volume', 'attach', 'blk_1', '--server', 'inst_1'], ctx, COMMANDS, () => '0');
  expect(code).toBe(0);
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(
    Array(3).fill('POST /v1/blocks/blk_1/attach'),
  );
  // Not a terminal: a line when the state changes, not one per try.
  expect(err).toEqual([
    expect.stringMatching(
      /^Waiting for volume blk_1 to attach to inst_1: waiting for the volume and the server to be active \(\ds\)$/,
    ),
    expect.stringMatching(/^Waiting for volume blk_1 to attach to inst_1: attached \(\ds\)$/),
  ]);
  expect(out[1]).toMatch(/^blk_1 +data +ams +10 +active +inst_1$/);
});

it('a refusal other than busy ends at once with its exit code', async () => {
  server = await startScriptedServer([
    apiError(
      409,
      'resource_in_use',
      'Block volume blk_1 is already attached to instance inst_2; detach it first.',
      {
        resource: 'block',
        id: 'blk_1',
        held_by: ['inst_2'],
      },
    ),
  ]);
  const err: string[] = [];
  const code = await runCli(
    ['volume', 'attach', 'blk_1', '--server', 'inst_1'],
    {
      env: { LIGHTYEAR_API_KEY: 'ly_k', LIGHTYEAR_ENDPOINT: server.url },
      cwd: '/',
      out: () => undefined,
      err: (l) => err.push(l),
    },
    COMMANDS,
    () => '0',
  );
  expect(code).toBe(5);
  expect(server.requests).toHaveLength(1);
  expect(err.at(-1)).toMatch(
    /^lyctl: Block volume blk_1 is already attached .*\(resource_in_use, HTTP 409, request req_err1\)$/,
  );
});
