import { LightyearClient } from '../../src/client/client';
import { LightyearApiError } from '../../src/client/errors';
import type { RunningLocalCloud } from '../../src/cloud';
import { startLocalCloud } from '../../src/cloud';
import { newEd25519PublicKey } from './helpers/openssh-keys';

// The client against the real local cloud (in memory) over HTTP on 127.0.0.1: the two halves of the contract
// meeting, with nothing scripted in between.
let cloud: RunningLocalCloud;
let client: LightyearClient;
const logLines: string[] = [];

beforeEach(async () => {
  cloud = await startLocalCloud();
  client = new LightyearClient({
    apiKey: cloud.apiKey,
    endpoint: cloud.url,
    log: (line) => logLines.push(line),
  });
});

afterEach(async () => {
  await client.close();
  await cloud.close();
});

describe('ssh keys against the local cloud', () => {
  it('creates, reads, renames and deletes a key', async () => {
    const publicKey = newEd25519PublicKey('me@laptop');
    const created = await client.sshKeys.create({ name: 'laptop', public_key: publicKey });
    expect(created).toMatchObject({ name: 'laptop', public_key: publicKey });
    expect(created.id).toMatch(/^sshk_/);
    expect(created.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);

    await expect(client.sshKeys.get(created.id)).resolves.toEqual(created);

    const renamed = await client.sshKeys.update(created.id, { name: 'work laptop' });
    expect(renamed).toEqual({ ...created, name: 'work laptop' });

    await client.sshKeys.delete(created.id);
    const gone = await client.sshKeys.get(created.id).catch((err: unknown) => err);
    expect(gone).toBeInstanceOf(LightyearApiError);
    expect(gone).toMatchObject({ code: 'not_found', status: 404, isNotFound: true });
    expect((gone as LightyearApiError).requestId).toMatch(/^req_/);
  });

  it('lists one page, iterates every page through cursors, and filters by name', async () => {
    const created = [];
    for (let index = 0; index < 7; index++) {
      created.push(
        await client.sshKeys.create({ name: `key-${index}`, public_key: newEd25519PublicKey(`k${index}`) }),
      );
    }

    const first = await client.sshKeys.list({ per_page: 3 });
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));

    const before = logLines.length;
    const iterated = [];
    for await (const key of client.sshKeys.iterate({ per_page: 3 })) iterated.push(key);
    expect(iterated.map((key) => key.id)).toEqual(created.map((key) => key.id));
    expect(logLines.length - before).toBe(3);

    const descending = await client.sshKeys.listAll({ per_page: 2, order: 'desc' });
    expect(descending.map((key) => key.id)).toEqual(created.map((key) => key.id).reverse());

    const named = await client.sshKeys.list({ name: 'key-4' });
    expect(named.items.map((key) => key.id)).toEqual([created[4]!.id]);
    expect(named).toMatchObject({ total: 1, nextCursor: null });
  });

  it('reports a malformed public key as a 400 naming the field', async () => {
    const failure = await client.sshKeys
      .create({ name: 'bad', public_key: 'ssh-ed25519 not-base64!' })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearApiError);
    expect(failure).toMatchObject({
      code: 'invalid_request',
      status: 400,
      field: 'public_key',
      isInvalidRequest: true,
    });
    expect((failure as LightyearApiError).reason).toEqual(expect.any(String));
    expect((failure as Error).message).toMatch(
      /\(invalid_request on public_key, HTTP 400, request req_\w+\)$/,
    );
  });

  it('reports the same public key twice as a 409 conflict', async () => {
    const publicKey = newEd25519PublicKey('twice');
    const first = await client.sshKeys.create({ name: 'one', public_key: publicKey });
    const failure = await client.sshKeys
      .create({ name: 'two', public_key: publicKey })
      .catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'conflict', status: 409, isConflict: true });
    expect((failure as Error).message).toContain(first.id);
    await expect(client.sshKeys.listAll()).resolves.toHaveLength(1);
  });

  it('is refused with a typed 401 for an unknown key, which never shows in the message', async () => {
    const stranger = new LightyearClient({ apiKey: 'ly_not_a_real_key_at_all', endpoint: cloud.url });
    const failure = await stranger.sshKeys.list().catch((err: unknown) => err);
    await stranger.close();
    expect(failure).toMatchObject({ code: 'authentication_failed', status: 401, isUnauthorized: true });
    expect((failure as Error).message).not.toContain('ly_not_a_real_key_at_all');
    expect(logLines.join('\n')).not.toContain(cloud.apiKey);
  });
});
