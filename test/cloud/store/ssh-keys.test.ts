import type { SshKey } from '../../../src/api';
import { openDatabase } from '../../../src/cloud/store/database';
import { InvalidCursorError } from '../../../src/cloud/store/pagination';
import { DuplicateSshKeyError, SshKeyStore, type SshKeyListRequest } from '../../../src/cloud/store/ssh-keys';

const db = openDatabase();
afterAll(() => db.close());
let store: SshKeyStore;
beforeEach(() => {
  db.exec('DELETE FROM ssh_keys');
  store = new SshKeyStore(db);
});

const SAME_MILLISECOND = '2030-01-01T00:00:00.000Z';
let counter = 0;
function key(overrides: Partial<SshKey> = {}): SshKey {
  counter += 1;
  // Ids that sort against insertion order, so a tie broken by id would show.
  return {
    id: `sshk_${String(1000 - counter).padStart(4, '0')}`,
    name: 'k',
    public_key: `ssh-ed25519 AAAA${counter}`,
    fingerprint: `SHA256:${counter}`,
    created_at: SAME_MILLISECOND,
    ...overrides,
  };
}

function walk(request: Omit<SshKeyListRequest, 'cursor'>, between?: () => void): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = store.list({ ...request, cursor });
    ids.push(...page.rows.map((k) => k.id));
    cursor = page.nextCursor ?? undefined;
    between?.();
  } while (cursor !== undefined);
  return ids;
}

describe('SshKeyStore', () => {
  it('lists keys created in the same millisecond, or with the same name, in insertion order', () => {
    const inserted = Array.from({ length: 7 }, () => key());
    inserted.forEach((k) => store.insert(k));
    const ids = inserted.map((k) => k.id);
    expect(walk({ sort: 'created_at', order: 'asc', perPage: 2 })).toEqual(ids);
    expect(walk({ sort: 'name', order: 'asc', perPage: 3 })).toEqual(ids);
    expect(walk({ sort: 'created_at', order: 'desc', perPage: 2 })).toEqual(ids.slice().reverse());
  });

  it('continues after a cursor whose row was deleted, without repeating or skipping, among ties', () => {
    const inserted = Array.from({ length: 6 }, () => key());
    inserted.forEach((k) => store.insert(k));
    const first = store.list({ sort: 'created_at', order: 'asc', perPage: 3 });
    store.delete(inserted[2]?.id as string);
    const added = key();
    store.insert(added);
    const rest = store.list({
      sort: 'created_at',
      order: 'asc',
      perPage: 10,
      cursor: first.nextCursor as string,
    });
    expect(rest.rows.map((k) => k.id)).toEqual([...inserted.slice(3).map((k) => k.id), added.id]);
  });

  it('refuses a second key with the same fingerprint, naming the first', () => {
    const first = key({ fingerprint: 'SHA256:same' });
    store.insert(first);
    expect(() => store.insert(key({ fingerprint: 'SHA256:same' }))).toThrow(
      new DuplicateSshKeyError(first.id),
    );
  });

  it('renames and deletes only what exists', () => {
    const k = key();
    store.insert(k);
    expect(store.rename(k.id, 'renamed')).toEqual({ ...k, name: 'renamed' });
    expect(store.rename('sshk_missing', 'x')).toBeUndefined();
    expect(store.delete(k.id)).toBe(true);
    expect(store.delete(k.id)).toBe(false);
    expect(store.get(k.id)).toBeUndefined();
  });

  it('refuses a cursor that was tampered with', () => {
    const forged = Buffer.from(
      JSON.stringify({ v: 1, sort: 'created_at', order: 'asc', after: ['x', 'y'] }),
    ).toString('base64url');
    expect(() => store.list({ sort: 'created_at', order: 'asc', perPage: 1, cursor: forged })).toThrow(
      InvalidCursorError,
    );
  });
});
