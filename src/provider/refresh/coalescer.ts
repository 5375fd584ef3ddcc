/**
 * Refresh coalescing for one kind of object: when Terraform reads many objects of a kind in one provider
 * process, answer the reads from list pages fetched once per refresh instead of one GET per object. The
 * API allows 600 requests a minute; a refresh of 1,000 objects read one by one needs 100 s of that budget,
 * read by the page (500 per page) it needs a handful of calls.
 *
 * The rules, and why:
 * - Small states read individually: the first `threshold - 1` reads of a burst are plain GETs, so a state
 *   with fewer objects than the threshold makes exactly one call per object, as without coalescing.
 * - Never staler than the refresh: a page snapshot belongs to one burst of reads. A burst ends after
 *   `idleMs` without reads, after `maxAgeMs`, or at once when this process writes an object of the kind
 *   (`noteWrite`). A read never gets an answer from a page fetched before its burst began.
 * - Pages are fetched one at a time, only while reads wait for an id not yet seen, and only while the
 *   burst's calls plus its waiting reads do not exceed its reads: a burst never makes more than one call
 *   more than it has reads, and an account far larger than the state (many workspaces sharing one account)
 *   falls back to GETs instead of paging through everything.
 * - An id absent from a complete listing is confirmed with one GET before it is reported gone: a deleted
 *   object costs one call, and a listing that raced a change can never drop a live object from the state.
 * - Errors land on the right read: a failed page fetch sends each read that waited on it to its own GET (so
 *   a failure is that object's failure), and the burst reads individually from then on.
 */
import { PageListingError } from './errors';

/** One page of a listing, as the client's `list` answers it. */
export interface ListPage<T> {
  readonly items: readonly T[];
  /** `null` (or undefined) on the last page. */
  readonly nextCursor: string | null | undefined;
}

export interface RefreshSource<T> {
  /** One page of every object of the kind, in the API's order; the coalescer asks for `perPage` items. */
  listPage(cursor: string | undefined, perPage: number, signal: AbortSignal): Promise<ListPage<T>>;
  /** One object by id; `undefined` when the API says it does not exist (404). Other failures throw. */
  get(id: string, signal: AbortSignal): Promise<T | undefined>;
  /** The id of a listed object, as `read` is asked for it. */
  idOf(item: T): string;
}

export interface RefreshCoalescerOptions {
  /** The API's largest page. Default 500. */
  readonly perPage?: number;
  /** The read of a burst at which paging starts; earlier reads are GETs. Default 10. */
  readonly threshold?: number;
  /** A pause between reads this long ends the burst. Default 1000 ms. */
  readonly idleMs?: number;
  /** A burst never lasts longer than this, however busy. Default 30 s. */
  readonly maxAgeMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

export interface CoalescerStats {
  readonly reads: number;
  readonly gets: number;
  readonly pages: number;
}

interface Waiter<T> {
  readonly id: string;
  readonly signal: AbortSignal;
  settle(outcome: { found: T } | { fetchOwn: true }): void;
  fail(error: unknown): void;
}

interface Burst<T> {
  readonly startedAt: number;
  lastReadAt: number;
  reads: number;
  calls: number;
  readonly snapshot: Map<string, T>;
  /** `undefined` before the first page; `null` once the listing is complete. */
  cursor: string | null | undefined;
  seenCursors: Set<string>;
  /** Paging failed in this burst: every read from now on is a GET. */
  pagingFailed: boolean;
  fetching: boolean;
  readonly waiters: Waiter<T>[];
  /** Aborts the page in flight when every read waiting on it is gone. */
  pageController: AbortController | undefined;
}

export class RefreshCoalescer<T> {
  private readonly perPage: number;
  private readonly threshold: number;
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private burst: Burst<T> | undefined;
  private totals = { reads: 0, gets: 0, pages: 0 };

  constructor(
    private readonly source: RefreshSource<T>,
    options: RefreshCoalescerOptions = {},
  ) {
    this.perPage = options.perPage ?? 500;
    this.threshold = Math.max(1, options.threshold ?? 10);
    this.idleMs = options.idleMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Calls made since this coalescer was created: what the benchmarks and tests count. */
  get stats(): CoalescerStats {
    return { ...this.totals };
  }

  /**
   * The object as of this refresh, or `undefined` when it no longer exists. Rejects with the error of the
   * object's own GET, never with another object's.
   */
  async read(id: string, signal: AbortSignal): Promise<T | undefined> {
    signal.throwIfAborted();
    const burst = this.currentBurst();
    burst.reads++;
    this.totals.reads++;

    const listed = burst.snapshot.get(id);
    if (listed !== undefined) return listed;
    const paging = burst.cursor !== undefined || burst.fetching;
    if (burst.pagingFailed || (!paging && burst.reads < this.threshold) || burst.cursor === null) {
      // Small state, failed paging, or absent from a complete listing (then this GET confirms it is gone).
      return this.getOwn(burst, id, signal);
    }
    let onAbort: (() => void) | undefined;
    const outcome = await new Promise<{ found: T } | { fetchOwn: true }>((resolve, reject) => {
      const waiter: Waiter<T> = { id, signal, settle: resolve, fail: reject };
      burst.waiters.push(waiter);
      onAbort = () => this.abandon(burst, waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      this.pump(burst);
    }).finally(() => {
      // A signal may outlive many reads (one per call, or a whole process): leave no listener behind.
      if (onAbort) signal.removeEventListener('abort', onAbort);
    });
    return 'found' in outcome ? outcome.found : this.getOwn(burst, id, signal);
  }

  /**
   * This process created, changed or deleted an object of the kind: no later read may be answered from a
   * page fetched before. Reads already waiting on a page still get it (it was fetched during their read).
   */
  noteWrite(): void {
    this.burst = undefined;
  }

  private currentBurst(): Burst<T> {
    const now = this.now();
    const burst = this.burst;
    if (
      burst !== undefined &&
      now - burst.lastReadAt <= this.idleMs &&
      now - burst.startedAt <= this.maxAgeMs
    ) {
      burst.lastReadAt = now;
      return burst;
    }
    const fresh: Burst<T> = {
      startedAt: now,
      lastReadAt: now,
      reads: 0,
      calls: 0,
      snapshot: new Map(),
      cursor: undefined,
      seenCursors: new Set(),
      pagingFailed: false,
      fetching: false,
      waiters: [],
      pageController: undefined,
    };
    this.burst = fresh;
    return fresh;
  }

  private getOwn(burst: Burst<T>, id: string, signal: AbortSignal): Promise<T | undefined> {
    burst.calls++;
    this.totals.gets++;
    return this.source.get(id, signal);
  }

  private abandon(burst: Burst<T>, waiter: Waiter<T>): void {
    const index = burst.waiters.indexOf(waiter);
    if (index < 0) return;
    burst.waiters.splice(index, 1);
    waiter.fail(waiter.signal.reason);
    if (burst.waiters.length === 0) burst.pageController?.abort(waiter.signal.reason);
  }

  /** Fetches the next page while reads wait and the burst's calls stay below its reads. */
  private pump(burst: Burst<T>): void {
    if (burst.fetching || burst.waiters.length === 0) return;
    // Calls plus the reads that may still need their own GET stay within the reads plus this one page.
    if (burst.cursor === null || burst.pagingFailed || burst.calls + burst.waiters.length > burst.reads) {
      for (const waiter of burst.waiters.splice(0)) waiter.settle({ fetchOwn: true });
      return;
    }
    burst.fetching = true;
    burst.calls++;
    this.totals.pages++;
    const controller = new AbortController();
    burst.pageController = controller;
    this.source
      .listPage(burst.cursor, this.perPage, controller.signal)
      .then((page) => {
        const next = page.nextCursor ?? null;
        if (next !== null && burst.seenCursors.has(next)) {
          throw new PageListingError(`the API returned the cursor ${JSON.stringify(next)} twice`);
        }
        if (next !== null) burst.seenCursors.add(next);
        for (const item of page.items) burst.snapshot.set(this.source.idOf(item), item);
        burst.cursor = next;
      })
      .catch(() => {
        // Each waiting read retries on its own: its failure, if any, is then its own.
        burst.pagingFailed = true;
      })
      .finally(() => {
        burst.fetching = false;
        burst.pageController = undefined;
        const stillWaiting: Waiter<T>[] = [];
        for (const waiter of burst.waiters.splice(0)) {
          const found = burst.snapshot.get(waiter.id);
          if (found !== undefined) waiter.settle({ found });
          else stillWaiting.push(waiter);
        }
        burst.waiters.push(...stillWaiting);
        this.pump(burst);
      });
  }
}
