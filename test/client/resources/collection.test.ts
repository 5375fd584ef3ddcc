import { z } from 'zod';
import { listEnvelopeSchema } from '../../../src/api';
import { LightyearClient } from '../../../src/client/client';
import { LightyearInvalidResponseError } from '../../../src/client/errors';
import { Listing, UpdatableCollection, paged, unwrapped } from '../../../src/client/resources/collection';
import type { ScriptedServer, Step } from '../helpers/scripted-server';
import { reply, startScriptedServer } from '../helpers/scripted-server';

// The generic collection over a made-up kind, so these tests pin what the factory does and not what one
// kind's schemas happen to allow: `/gadgets`, answered as `{gadget}`, listed as `{gadgets, meta}`, and a
// create that answers more than the object (as API keys and webhooks do).
const gadgetSchema = z.object({ id: z.string(), size: z.number() });
type Gadget = z.infer<typeof gadgetSchema>;
const gadgetAnswer = z.object({ gadget: gadgetSchema });
const createdAnswer = z.object({ gadget: gadgetSchema, token: z.string() });
type Created = z.infer<typeof createdAnswer>;
type Query = { per_page?: number; cursor?: string; colour?: string };

const GADGET: Gadget = { id: 'gdg_1', size: 3 };

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

function gadgets() {
  return new UpdatableCollection<Gadget, { size: number }, { size?: number }, Query, Created>(client, {
    path: '/gadgets',
    idName: 'gadget id',
    one: unwrapped(gadgetAnswer, 'gadget'),
    created: createdAnswer,
    page: paged(listEnvelopeSchema('gadgets', gadgetSchema), 'gadgets'),
  });
}

const page = (items: Gadget[], total: number, nextCursor: string | null) =>
  reply(200, { gadgets: items, meta: { total, next_cursor: nextCursor } });

const seen = () =>
  server.requests.map((request) => `${request.method} ${request.url} ${request.body}`.trim());

describe('UpdatableCollection', () => {
  it('maps create, get, update and delete to their methods and paths, unwrapping each answer', async () => {
    const one = reply(200, { gadget: GADGET });
    await setUp([reply(201, { gadget: GADGET, token: 'tok' }), one, one, reply(204)]);
    const collection = gadgets();
    await expect(collection.create({ size: 3 })).resolves.toEqual({ gadget: GADGET, token: 'tok' });
    await expect(collection.get('gdg_1')).resolves.toEqual(GADGET);
    await expect(collection.update('gdg_1', { size: 4 })).resolves.toEqual(GADGET);
    await expect(collection.delete('gdg_1')).resolves.toBeUndefined();
    expect(seen()).toEqual([
      'POST /v1/gadgets {"size":3}',
      'GET /v1/gadgets/gdg_1',
      'PATCH /v1/gadgets/gdg_1 {"size":4}',
      'DELETE /v1/gadgets/gdg_1',
    ]);
  });

  it('sends an Idempotency-Key with every create (fresh per call, or the caller’s), never with a PATCH', async () => {
    const created = reply(201, { gadget: GADGET, token: 'tok' });
    await setUp([created, created, created, reply(200, { gadget: GADGET })]);
    const collection = gadgets();
    await collection.create({ size: 1 });
    await collection.create({ size: 1 });
    await collection.create({ size: 1 }, { idempotencyKey: 'deploy-42' });
    await collection.update('gdg_1', { size: 2 });
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe('deploy-42');
    expect(keys[3]).toBeUndefined();
  });

  it('rejects (never throws) an empty id, sending nothing; encodes an id as one path segment', async () => {
    await setUp([reply(204)]);
    const collection = gadgets();
    const pending = collection.get(' ');
    await expect(pending).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/^gadget id/),
    });
    await expect(collection.update('', {})).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(server.requests).toHaveLength(0);
    await collection.delete('a/b?c');
    expect(server.requests[0]!.url).toBe('/v1/gadgets/a%2Fb%3Fc');
  });

  it('refuses an answer that does not match the schema as invalid_response', async () => {
    await setUp([reply(200, { gadget: { id: 'gdg_1', size: 'big' } }), reply(200, { gadgets: [] })]);
    const collection = gadgets();
    const wrongItem = await collection.get('gdg_1').catch((err: unknown) => err);
    expect(wrongItem).toBeInstanceOf(LightyearInvalidResponseError);
    expect((wrongItem as Error).message).toContain('gadget.size');
    await expect(collection.list()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('Listing', () => {
  it('lists one page as { items, total, nextCursor }, sending only the query fields given', async () => {
    await setUp([page([GADGET], 5, 'cur_2'), page([], 0, null)]);
    const collection = gadgets();
    await expect(collection.list({ colour: 'red', per_page: 1 })).resolves.toEqual({
      items: [GADGET],
      total: 5,
      nextCursor: 'cur_2',
    });
    await collection.list();
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/gadgets?colour=red&per_page=1',
      '/v1/gadgets',
    ]);
  });

  it('iterates page after page, keeping the filters, and collects them with listAll', async () => {
    const second = { id: 'gdg_2', size: 1 };
    await setUp([
      page([GADGET], 2, 'cur_2'),
      page([second], 2, null),
      page([GADGET], 2, 'cur_2'),
      page([second], 2, null),
    ]);
    const collection = gadgets();
    const ids: string[] = [];
    for await (const gadget of collection.iterate({ colour: 'red', per_page: 1 })) ids.push(gadget.id);
    expect(ids).toEqual(['gdg_1', 'gdg_2']);
    await expect(collection.listAll()).resolves.toEqual([GADGET, second]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/gadgets?colour=red&per_page=1',
      '/v1/gadgets?colour=red&per_page=1&cursor=cur_2',
      '/v1/gadgets',
      '/v1/gadgets?cursor=cur_2',
    ]);
  });

  it('has only the list operations when built as a Listing (the catalog)', async () => {
    await setUp([page([GADGET], 1, null)]);
    const listing = new Listing<Gadget, Query>(client, {
      path: '/gadgets',
      page: paged(listEnvelopeSchema('gadgets', gadgetSchema), 'gadgets'),
    });
    await expect(listing.listAll()).resolves.toEqual([GADGET]);
    expect('get' in listing || 'create' in listing || 'delete' in listing).toBe(false);
  });
});

describe('the client’s collections', () => {
  it('expose exactly the operations the contract has for each kind', () => {
    client = new LightyearClient({ apiKey: 'ly_test_key', endpoint: 'http://127.0.0.1:9/v1' });
    server = { url: '', requests: [], close: () => Promise.resolve() };
    const operations = (collection: object) =>
      ['list', 'iterate', 'listAll', 'create', 'get', 'update', 'delete'].filter(
        (name) => typeof (collection as Record<string, unknown>)[name] === 'function',
      );
    const all = ['list', 'iterate', 'listAll', 'create', 'get', 'update', 'delete'];
    const noUpdate = all.filter((name) => name !== 'update');
    const listOnly = ['list', 'iterate', 'listAll'];
    expect({
      sshKeys: operations(client.sshKeys),
      instances: operations(client.instances),
      firewalls: operations(client.firewalls),
      blocks: operations(client.blocks),
      domains: operations(client.domains),
      records: operations(client.dnsRecords('example.com')),
      snapshots: operations(client.snapshots),
      apiKeys: operations(client.apiKeys),
      webhooks: operations(client.webhooks),
      deliveries: operations(client.webhooks.deliveries('whk_1')),
      regions: operations(client.regions),
      plans: operations(client.plans),
      images: operations(client.images),
    }).toEqual({
      sshKeys: all,
      instances: all,
      firewalls: all,
      blocks: all,
      domains: noUpdate,
      records: all,
      snapshots: noUpdate,
      apiKeys: noUpdate,
      webhooks: all,
      deliveries: listOnly,
      regions: listOnly,
      plans: listOnly,
      images: listOnly,
    });
  });
});
