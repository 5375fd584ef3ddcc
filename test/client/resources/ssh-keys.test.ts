import { LightyearClient } from '../../../src/client/client';
import type { ScriptedServer, Step } from '../helpers/scripted-server';
import { SSH_KEY, reply, startScriptedServer } from '../helpers/scripted-server';

let server: ScriptedServer;
let client: LightyearClient;

async function setUp(steps: Step[]) {
  server = await startScriptedServer(steps);
  client = new LightyearClient({ apiKey: 'ly_test_key', endpoint: server.url, maxRetries: 0 });
}

afterEach(async () => {
  await client.close();
  await server.close();
});

const page = (items: object[], total: number, nextCursor: string | null) =>
  reply(200, { ssh_keys: items, meta: { total, next_cursor: nextCursor } });

describe('SshKeys', () => {
  it('maps each operation to its method and path', async () => {
    const one = reply(200, { ssh_key: SSH_KEY });
    await setUp([reply(201, { ssh_key: SSH_KEY }), one, one, reply(204)]);
    await client.sshKeys.create({ name: 'laptop', public_key: SSH_KEY.public_key });
    await client.sshKeys.get(SSH_KEY.id);
    await client.sshKeys.update(SSH_KEY.id, { name: 'desk' });
    await client.sshKeys.delete(SSH_KEY.id);
    expect(server.requests.map((request) => `${request.method} ${request.url} ${request.body}`)).toEqual([
      `POST /v1/ssh-keys ${JSON.stringify({ name: 'laptop', public_key: SSH_KEY.public_key })}`,
      `GET /v1/ssh-keys/sshk_abc123 `,
      `PATCH /v1/ssh-keys/sshk_abc123 {"name":"desk"}`,
      `DELETE /v1/ssh-keys/sshk_abc123 `,
    ]);
    expect(server.requests[2]!.headers['idempotency-key']).toBeUndefined();
  });

  it('lists one page as { items, total, nextCursor }, sending only the query fields given', async () => {
    await setUp([page([SSH_KEY], 7, 'cur_2')]);
    const result = await client.sshKeys.list({ name: 'lap top', per_page: 1, order: 'desc' });
    expect(result).toEqual({ items: [SSH_KEY], total: 7, nextCursor: 'cur_2' });
    expect(server.requests[0]!.url).toBe('/v1/ssh-keys?name=lap+top&per_page=1&order=desc');
  });

  it('iterates every page through the cursors, keeping the filters', async () => {
    const second = { ...SSH_KEY, id: 'sshk_2' };
    await setUp([page([SSH_KEY], 2, 'cur_2'), page([second], 2, null)]);
    const ids: string[] = [];
    for await (const key of client.sshKeys.iterate({ per_page: 1, sort: 'name' })) ids.push(key.id);
    expect(ids).toEqual(['sshk_abc123', 'sshk_2']);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/ssh-keys?per_page=1&sort=name',
      '/v1/ssh-keys?per_page=1&sort=name&cursor=cur_2',
    ]);
  });

  it('collects every page with listAll', async () => {
    await setUp([page([SSH_KEY], 2, 'c'), page([{ ...SSH_KEY, id: 'sshk_2' }], 2, null)]);
    await expect(client.sshKeys.listAll()).resolves.toHaveLength(2);
  });
});
