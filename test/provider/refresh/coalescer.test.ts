/**
 * The coalescer's rules, against an account held in memory whose listPage and get count their calls and can
 * be made to fail. Terraform reads up to ten objects at once, so the reads here overlap the same way.
 */
import { RefreshCoalescer } from '../../../src/provider/refresh/coalescer';
import type { ListPage, RefreshCoalescerOptions } from '../../../src/provider/refresh/coalescer';

interface Key {
  id: string;
  name: string;
}

/** An account of keys with the API's paging: ordered by id, cursors opaque, at most perPage per page. */
class Account {
  readonly keys = new Map<string, Key>();
  gets = 0;
  pages = 0;
  failPages = false;
  failGetOf = new Set<string>();
  /** Each call waits this many event-loop turns, so overlapping reads really overlap. */
  latencyTicks = 2;

  constructor(count: number, prefix = 'k') {
    for (let i = 0; i < count; i++) this.add(`${prefix}${String(i).padStart(5, '0')}`);
  }

  add(id: string): void {
    this.keys.set(id, { id, name: `name-${id}` });
  }

  async listPage(cursor: string | undefined, perPage: number): Promise<ListPage<Key>> {
    this.pages++;
    await this.pause();
    if (this.failPages) throw new Error('503 from the list endpoint');
    const sorted = [...this.keys.values()].sort((a, b) => a.id.localeCompare(b.id));
    const start = cursor === undefined ? 0 : sorted.findIndex((key) => key.id > cursor);
    const items = start < 0 ? [] : sorted.slice(start, start + perPage).map((key) => ({ ...key }));
    const last = items[items.length - 1];
    return { items, nextCursor: start + perPage < sorted.length && last ? last.id : null };
  }

  async get(id: string): Promise<Key | undefined> {
    this.gets++;
    await this.pause();
    if (this.failGetOf.has(id)) throw new Error(`500 reading ${id}`);
    const key = this.keys.get(id);
    return key === undefined ? undefined : { ...key };
  }

  private async pause(): Promise<void> {
    for (let i = 0; i < this.latencyTicks; i++) await new Promise((resolve) => setImmediate(resolve));
  }
}

function coalescerFor(account: Account, options: RefreshCoalescerOptions = {}): RefreshCoalescer<Key> {
  return new RefreshCoalescer<Key>(
    {
      listPage: (cursor, perPage) => account.listPage(cursor, perPage),
      get: (id) => account.get(id),
      idOf: (key) => key.id,
    },
    options,
  );
}

/** Reads every id with at most `parallelism` reads in flight, as Terraform's walk does. */
async function refresh(
  coalescer: RefreshCoalescer<Key>,
  ids: readonly string[],
  parallelism = 10,
): Promise<PromiseSettledResult<Key | undefined>[]> {
  const results: PromiseSettledResult<Key | undefined>[] = new Array(ids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const index = next++;
      const signal = new AbortController().signal;
      results[index] = await coalescer.read(ids[index]!, signal).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: parallelism }, worker));
  return results;
}

const idsOf = (account: Account, count = account.keys.size): string[] =>
  [...account.keys.keys()].slice(0, count);
const values = (results: PromiseSettledResult<Key | undefined>[]): (Key | undefined)[] =>
  results.map((result) => (result.status === 'fulfilled' ? result.value : undefined));

describe('RefreshCoalescer', () => {
  it('answers a refresh of 200 objects with at most 20 calls, each object as the API has it', async () => {
    const account = new Account(200);
    const coalescer = coalescerFor(account);
    const results = await refresh(coalescer, idsOf(account));
    expect(values(results)).toEqual([...account.keys.values()]);
    expect(account.gets + account.pages).toBeLessThanOrEqual(20);
    expect(account.pages).toBe(1);
    expect(coalescer.stats).toEqual({ reads: 200, gets: account.gets, pages: 1 });
  });

  it('reads 1,000 objects with a handful of calls (two pages of 500)', async () => {
    const account = new Account(1000);
    const results = await refresh(coalescerFor(account), idsOf(account));
    expect(values(results).every((key, i) => key?.id === idsOf(account)[i])).toBe(true);
    expect(account.pages).toBe(2);
    expect(account.gets + account.pages).toBeLessThanOrEqual(12);
  });

  it('reads a small state one GET per object, never more', async () => {
    for (const size of [1, 5, 9]) {
      const account = new Account(size);
      await refresh(coalescerFor(account), idsOf(account));
      expect({ size, calls: account.gets + account.pages }).toEqual({ size, calls: size });
      expect(account.pages).toBe(0);
    }
  });

  it('never makes more than one call more than it has reads, even when the account dwarfs the state', async () => {
    // 20,000 keys, of which the state holds 30 that sort last: paging would need 40 pages to find them.
    const account = new Account(20_000, 'a');
    const mine = Array.from({ length: 30 }, (_, i) => `z${i}`);
    for (const id of mine) account.add(id);
    const results = await refresh(coalescerFor(account), mine);
    expect(values(results).map((key) => key?.id)).toEqual(mine);
    expect(account.gets + account.pages).toBeLessThanOrEqual(mine.length + 1);
  });

  it('reports an object deleted outside Terraform as gone, confirmed by its own GET', async () => {
    const account = new Account(100);
    const ids = idsOf(account);
    account.keys.delete(ids[50]!);
    account.keys.delete(ids[99]!);
    const results = await refresh(coalescerFor(account), ids);
    expect(values(results)[50]).toBeUndefined();
    expect(values(results)[99]).toBeUndefined();
    expect(values(results).filter((key) => key !== undefined)).toHaveLength(98);
    expect(account.pages).toBe(1);
  });

  it('keeps an object the listing missed: absent from the pages is only a reason to ask', async () => {
    const account = new Account(50);
    const coalescer = coalescerFor(account);
    await refresh(coalescer, idsOf(account));
    // Appears after the burst's pages were fetched (the burst is still running): the GET finds it.
    account.add('late');
    await expect(coalescer.read('late', new AbortController().signal)).resolves.toEqual({
      id: 'late',
      name: 'name-late',
    });
  });

  it('never answers from a snapshot older than the burst: idle time, age and writes all end it', async () => {
    let now = 0;
    const account = new Account(40);
    const coalescer = coalescerFor(account, { idleMs: 1000, maxAgeMs: 30_000, now: () => now });
    const ids = idsOf(account);
    await refresh(coalescer, ids);
    const signal = new AbortController().signal;

    account.keys.get(ids[0]!)!.name = 'renamed outside';
    now += 500;
    expect((await coalescer.read(ids[0]!, signal))?.name).toBe('name-k00000'); // same burst: the page's copy
    now += 1001; // a pause: the next read starts a new burst, which reads individually again
    expect((await coalescer.read(ids[0]!, signal))?.name).toBe('renamed outside');

    await refresh(coalescer, ids);
    account.keys.get(ids[1]!)!.name = 'renamed again';
    coalescer.noteWrite();
    expect((await coalescer.read(ids[1]!, signal))?.name).toBe('renamed again');

    // A busy burst still ends after maxAgeMs.
    await refresh(coalescer, ids);
    account.keys.get(ids[2]!)!.name = 'third';
    for (let t = 0; t < 31; t++) {
      now += 999;
      await coalescer.read(ids[3]!, signal);
    }
    expect((await coalescer.read(ids[2]!, signal))?.name).toBe('third');
  });

  it("sends every read waiting on a failed page to its own GET, so a failure is that object's", async () => {
    const account = new Account(100);
    account.failPages = true;
    const ids = idsOf(account);
    account.failGetOf.add(ids[42]!);
    const results = await refresh(coalescerFor(account), ids);
    expect(results[42]).toMatchObject({ status: 'rejected', reason: new Error(`500 reading ${ids[42]}`) });
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(values(results).filter((key) => key !== undefined)).toHaveLength(99);
    expect(account.pages).toBe(1); // paging is not retried within the burst
  });

  it('rejects a read whose own signal aborts while it waits, and the page is not wasted on others', async () => {
    const account = new Account(30);
    account.latencyTicks = 20;
    const coalescer = coalescerFor(account, { threshold: 1 });
    const ids = idsOf(account);
    const cancelled = new AbortController();
    const waiting = coalescer.read(ids[0]!, cancelled.signal);
    const other = coalescer.read(ids[1]!, new AbortController().signal);
    cancelled.abort(new Error('StopProvider'));
    await expect(waiting).rejects.toThrow('StopProvider');
    await expect(other).resolves.toMatchObject({ id: ids[1] });
    expect(account.pages).toBe(1);
  });

  it('refuses to start a read whose signal has already aborted', async () => {
    const account = new Account(3);
    const aborted = new AbortController();
    aborted.abort(new Error('stopped'));
    await expect(coalescerFor(account).read(idsOf(account)[0]!, aborted.signal)).rejects.toThrow('stopped');
    expect(account.gets).toBe(0);
  });

  it('stops paging when the API hands back a cursor twice, and reads individually instead', async () => {
    const account = new Account(20);
    const source = {
      listPage: async () => ({ items: [], nextCursor: 'same' }),
      get: (id: string) => account.get(id),
      idOf: (key: Key) => key.id,
    };
    const coalescer = new RefreshCoalescer<Key>(source, { threshold: 1 });
    const results = await refresh(coalescer, idsOf(account));
    expect(values(results).every((key) => key !== undefined)).toBe(true);
    expect(coalescer.stats.pages).toBeLessThanOrEqual(2);
  });
});
