import { errorEnvelopeSchema, sshKeyListSchema, sshKeyResponseSchema } from '../../../src/api';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { generateSshPublicKey, type SshKeyKind } from '../../helpers/ssh-keys';

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud();
});
afterEach(() => cloud.close());

async function createKey(name: string, line = generateSshPublicKey('ed25519').line) {
  const res = await cloud.request('POST', '/ssh-keys', { body: { name, public_key: line } });
  expect(res.status).toBe(201);
  return sshKeyResponseSchema.parse(res.body).ssh_key;
}

/** The error envelope of the contract, with the field error details it promises. */
function expectFieldError(res: { status: number; body: unknown }, field: string, reason: string | RegExp) {
  expect(res.status).toBe(400);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe('invalid_request');
  expect(envelope.error.details?.field).toBe(field);
  expect(envelope.error.details?.reason).toEqual(
    typeof reason === 'string' ? reason : expect.stringMatching(reason),
  );
  // The message alone must be enough for a person: it names the field and repeats the reason.
  expect(envelope.error.message).toContain(field);
  expect(envelope.error.message).toContain(envelope.error.details?.reason as string);
}

describe('POST /ssh-keys', () => {
  const kinds: [SshKeyKind, string][] = [
    ['ed25519', 'ssh-ed25519'],
    ['rsa', 'ssh-rsa'],
    ['ecdsa-p256', 'ecdsa-sha2-nistp256'],
    ['ecdsa-p384', 'ecdsa-sha2-nistp384'],
    ['ecdsa-p521', 'ecdsa-sha2-nistp521'],
  ];
  it.each(kinds)(
    'creates a %s key: 201, normalized key, ssh-keygen fingerprint, id, timestamp',
    async (kind, type) => {
      const generated = generateSshPublicKey(kind, { comment: 'ops@example.com' });
      const messy = `  ${generated.line.replace(' ', ' \t ')}  \n`;
      const before = Date.now();
      const res = await cloud.request('POST', '/ssh-keys', {
        body: { name: '  deploy key  ', public_key: messy },
      });

      expect(res.status).toBe(201);
      const key = sshKeyResponseSchema.parse(res.body).ssh_key;
      expect(key.id).toMatch(/^sshk_[0-9A-Za-z]{24}$/);
      expect(key.name).toBe('deploy key');
      expect(key.public_key).toBe(generated.line);
      expect(key.public_key.startsWith(`${type} `)).toBe(true);
      expect(key.fingerprint).toBe(generated.fingerprint);
      expect(key.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(key.created_at)).toBeGreaterThanOrEqual(before - 5);
      expect(res.headers.get('location')).toBe(`/v1/ssh-keys/${key.id}`);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    },
  );

  it('keeps a key without a comment without a trailing space', async () => {
    const generated = generateSshPublicKey('ed25519');
    const key = await createKey('bare', `${generated.line}   `);
    expect(key.public_key).toBe(generated.line);
  });

  it('refuses the same key material twice with 409 conflict, even under another comment and name', async () => {
    const generated = generateSshPublicKey('ed25519', { comment: 'first' });
    const first = await createKey('one', generated.line);
    const again = `${generated.type} ${generated.blob.toString('base64')} second`;
    const res = await cloud.request('POST', '/ssh-keys', { body: { name: 'two', public_key: again } });

    expect(res.status).toBe(409);
    const envelope = errorEnvelopeSchema.parse(res.body);
    expect(envelope.error.code).toBe('conflict');
    expect(envelope.error.details).toMatchObject({ field: 'public_key', existing_id: first.id });
    expect(envelope.error.message).toContain(first.id);
  });

  it('allows the same key again once the first one is deleted', async () => {
    const generated = generateSshPublicKey('ed25519');
    const first = await createKey('one', generated.line);
    expect((await cloud.request('DELETE', `/ssh-keys/${first.id}`)).status).toBe(204);
    const second = await createKey('two', generated.line);
    expect(second.id).not.toBe(first.id);
  });

  describe('400 per field, with reasons', () => {
    const valid = () => ({ name: 'k', public_key: generateSshPublicKey('ed25519').line });

    it('public_key: an RSA key under 2048 bits, saying its size', async () => {
      const small = generateSshPublicKey('rsa', { rsaBits: 1024 });
      const res = await cloud.request('POST', '/ssh-keys', { body: { name: 'k', public_key: small.line } });
      expectFieldError(res, 'public_key', 'ssh-rsa keys must be at least 2048 bits; this one is 1024');
    });

    it('public_key: not an OpenSSH key', async () => {
      const res = await cloud.request('POST', '/ssh-keys', {
        body: { name: 'k', public_key: 'hello world' },
      });
      expectFieldError(res, 'public_key', /key type "hello", which is not supported; use ssh-ed25519/);
    });

    it('public_key: missing', async () => {
      const res = await cloud.request('POST', '/ssh-keys', { body: { name: 'k' } });
      expectFieldError(res, 'public_key', 'is required');
    });

    it('public_key: not a string', async () => {
      const res = await cloud.request('POST', '/ssh-keys', { body: { name: 'k', public_key: 42 } });
      expectFieldError(res, 'public_key', 'must be a string');
    });

    it('name: missing, blank, or too long', async () => {
      const { public_key } = valid();
      expectFieldError(
        await cloud.request('POST', '/ssh-keys', { body: { public_key } }),
        'name',
        'is required',
      );
      expectFieldError(
        await cloud.request('POST', '/ssh-keys', { body: { name: '   ', public_key } }),
        'name',
        'must not be empty',
      );
      expectFieldError(
        await cloud.request('POST', '/ssh-keys', { body: { name: 'n'.repeat(256), public_key } }),
        'name',
        'must be at most 255 characters long',
      );
    });

    it('an unknown field', async () => {
      const res = await cloud.request('POST', '/ssh-keys', { body: { ...valid(), colour: 'blue' } });
      expectFieldError(res, 'colour', 'is not a field this request accepts');
    });

    it('lists every problem when there are several', async () => {
      const res = await cloud.request('POST', '/ssh-keys', { body: { extra: true } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', reason: 'is required' },
          { field: 'public_key', reason: 'is required' },
          { field: 'extra', reason: 'is not a field this request accepts' },
        ]),
      );
    });

    it.each([
      ['an array', [1, 2]],
      ['a string', 'ssh-ed25519 AAAA'],
      ['null', null],
    ])('a body that is %s', async (_name, body) => {
      const res = await cloud.request('POST', '/ssh-keys', { body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'invalid_request',
        message: 'The request body must be a JSON object.',
      });
    });

    it('an empty body', async () => {
      const res = await cloud.request('POST', '/ssh-keys', {
        rawBody: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('The request body is missing; send a JSON object.');
    });
  });
});

describe('GET /ssh-keys/{id}', () => {
  it('returns the key as it was created', async () => {
    const created = await createKey('mine');
    const res = await cloud.request('GET', `/ssh-keys/${created.id}`);
    expect(res.status).toBe(200);
    expect(sshKeyResponseSchema.parse(res.body).ssh_key).toEqual(created);
  });

  it.each(['sshk_doesnotexist000000000000', 'not-an-id', '%E2%9C%93'])('404 not_found for %s', async (id) => {
    const res = await cloud.request('GET', `/ssh-keys/${id}`);
    expect(res.status).toBe(404);
    expect(errorEnvelopeSchema.parse(res.body).error.code).toBe('not_found');
  });
});

describe('PATCH /ssh-keys/{id}', () => {
  it('renames the key and leaves everything else alone', async () => {
    const created = await createKey('old');
    const res = await cloud.request('PATCH', `/ssh-keys/${created.id}`, { body: { name: ' new name ' } });
    expect(res.status).toBe(200);
    expect(sshKeyResponseSchema.parse(res.body).ssh_key).toEqual({ ...created, name: 'new name' });
    expect((await cloud.request('GET', `/ssh-keys/${created.id}`)).body.ssh_key.name).toBe('new name');
  });

  it('refuses to change the key material: public_key is not a field of the update', async () => {
    const created = await createKey('k');
    const res = await cloud.request('PATCH', `/ssh-keys/${created.id}`, {
      body: { name: 'k', public_key: generateSshPublicKey('ed25519').line },
    });
    expectFieldError(res, 'public_key', 'is not a field this request accepts');
  });

  it('400 on a blank name, 404 on an unknown id', async () => {
    const created = await createKey('k');
    expectFieldError(
      await cloud.request('PATCH', `/ssh-keys/${created.id}`, { body: { name: '' } }),
      'name',
      'must not be empty',
    );
    const res = await cloud.request('PATCH', '/ssh-keys/sshk_missing', { body: { name: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('DELETE /ssh-keys/{id}', () => {
  it('204 with no body, then 404 on read and on a second delete', async () => {
    const created = await createKey('gone');
    const res = await cloud.request('DELETE', `/ssh-keys/${created.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await cloud.request('GET', `/ssh-keys/${created.id}`)).status).toBe(404);
    const again = await cloud.request('DELETE', `/ssh-keys/${created.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('not_found');
  });
});

describe('GET /ssh-keys (list)', () => {
  async function listAll(query: string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const res = await cloud.request('GET', `/ssh-keys?${query}${suffix}`);
      expect(res.status).toBe(200);
      const page = sshKeyListSchema.parse(res.body);
      seen.push(...page.ssh_keys.map((k) => k.name));
      cursor = page.meta.next_cursor;
    } while (cursor !== null);
    return seen;
  }

  it('an empty account lists nothing', async () => {
    const res = await cloud.request('GET', '/ssh-keys');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ssh_keys: [], meta: { total: 0, next_cursor: null } });
  });

  it('pages by per_page with meta.total and a null next_cursor on the last page', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await createKey(name);
    const first = sshKeyListSchema.parse((await cloud.request('GET', '/ssh-keys?per_page=2')).body);
    expect(first.ssh_keys.map((k) => k.name)).toEqual(['a', 'b']);
    expect(first.meta.total).toBe(5);
    expect(first.meta.next_cursor).toEqual(expect.any(String));
    expect(await listAll('per_page=2')).toEqual(['a', 'b', 'c', 'd', 'e']);

    const exact = sshKeyListSchema.parse((await cloud.request('GET', '/ssh-keys?per_page=5')).body);
    expect(exact.ssh_keys).toHaveLength(5);
    expect(exact.meta.next_cursor).toBeNull();
  });

  it('sorts by name or created_at, ascending or descending', async () => {
    for (const name of ['delta', 'alpha', 'charlie', 'bravo']) await createKey(name);
    expect(await listAll('sort=name&per_page=3')).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    expect(await listAll('sort=name&order=desc&per_page=3')).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
    expect(await listAll('sort=created_at&order=desc&per_page=1')).toEqual([
      'bravo',
      'charlie',
      'alpha',
      'delta',
    ]);
    expect(await listAll('per_page=3')).toEqual(['delta', 'alpha', 'charlie', 'bravo']);
  });

  it('keeps keys with equal sort values apart by id, across pages', async () => {
    for (let i = 0; i < 7; i += 1) await createKey('same');
    await createKey('other');
    const names = await listAll('sort=name&name=same&per_page=2');
    expect(names).toEqual(Array(7).fill('same'));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await cloud.request(
        'GET',
        `/ssh-keys?sort=name&per_page=3${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      const page = sshKeyListSchema.parse(res.body);
      ids.push(...page.ssh_keys.map((k) => k.id));
      cursor = page.meta.next_cursor;
    } while (cursor !== null);
    expect(new Set(ids).size).toBe(8);
  });

  it('filters by exact name, with total counting only matches', async () => {
    await createKey('web');
    await createKey('web');
    await createKey('web-2');
    const res = await cloud.request('GET', '/ssh-keys?name=web');
    const page = sshKeyListSchema.parse(res.body);
    expect(page.ssh_keys.map((k) => k.name)).toEqual(['web', 'web']);
    expect(page.meta.total).toBe(2);
  });

  it('neither skips nor repeats a key while others are inserted and deleted between pages', async () => {
    const initial: string[] = [];
    for (let i = 0; i < 30; i += 1) initial.push((await createKey(`k${String(i).padStart(2, '0')}`)).id);
    const deleted = new Set<string>();
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const res = await cloud.request(
        'GET',
        `/ssh-keys?per_page=4${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      const page = sshKeyListSchema.parse(res.body);
      seen.push(...page.ssh_keys.map((k) => k.id));
      cursor = page.meta.next_cursor;
      // Between pages, and concurrently with each other: new keys arrive and a key
      // not yet reached plus one already seen are deleted.
      const unseen = initial.filter((id) => !seen.includes(id) && !deleted.has(id));
      const victims = [unseen.at(-1), seen[0]].filter(
        (id): id is string => id !== undefined && !deleted.has(id),
      );
      victims.forEach((id) => deleted.add(id));
      await Promise.all([
        createKey(`new-${round}-a`),
        createKey(`new-${round}-b`),
        ...victims.map((id) => cloud.request('DELETE', `/ssh-keys/${id}`)),
      ]);
      round += 1;
    } while (cursor !== null && round < 100);

    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    // Every key that existed for the whole walk was seen exactly once.
    const survivors = initial.filter((id) => !deleted.has(id));
    for (const id of survivors) expect(seen).toContain(id);
  });

  describe('400 on the offending parameter', () => {
    it.each([
      ['per_page=0', 'per_page', 'must be at least 1'],
      ['per_page=501', 'per_page', 'must be at most 500'],
      ['per_page=ten', 'per_page', 'must be a whole number from 1 to 500'],
      ['per_page=2.5', 'per_page', 'must be a whole number from 1 to 500'],
      ['per_page=', 'per_page', 'must be a whole number from 1 to 500'],
      ['per_page=1&per_page=2', 'per_page', 'is given more than once'],
      ['sort=id', 'sort', 'must be one of "created_at", "name"'],
      ['order=up', 'order', 'must be one of "asc", "desc"'],
      ['name=', 'name', 'must not be empty'],
      ['perpage=10', 'perpage', 'is not a field this request accepts'],
      ['cursor=garbage', 'cursor', /^is not a cursor this API issued/],
    ])('%s', async (query, field, reason) => {
      expectFieldError(await cloud.request('GET', `/ssh-keys?${query}`), field, reason);
    });

    it('a cursor used with another sort, order or filter', async () => {
      for (const name of ['a', 'b', 'c']) await createKey(name);
      const first = sshKeyListSchema.parse((await cloud.request('GET', '/ssh-keys?per_page=1')).body);
      const cursor = encodeURIComponent(first.meta.next_cursor as string);
      for (const other of ['sort=name', 'order=desc', 'name=a']) {
        expectFieldError(
          await cloud.request('GET', `/ssh-keys?per_page=1&${other}&cursor=${cursor}`),
          'cursor',
          /was issued for a different sort, order or filter/,
        );
      }
      // The page size may change between pages.
      expect((await cloud.request('GET', `/ssh-keys?per_page=5&cursor=${cursor}`)).status).toBe(200);
    });
  });
});
