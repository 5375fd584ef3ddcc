import type { z } from 'zod';
import type { listMetaSchema } from '../../api';
import { LightyearInvalidResponseError } from '../errors';

/** One page of a list, the same shape for every resource kind. */
export interface Page<T> {
  items: T[];
  /** How many items match the query across all pages. */
  total: number;
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  nextCursor: string | null;
}

export function toPage<T>(items: T[], meta: z.infer<typeof listMetaSchema>): Page<T> {
  return { items, total: meta.total, nextCursor: meta.next_cursor };
}

/**
 * Every item of a listing, fetching pages lazily as the caller consumes them. Stops with `invalid_response`
 * if the API ever hands back a cursor it already gave: a server bug must not become an endless loop.
 */
export async function* iterateItems<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (page.nextCursor === null) return;
    if (seen.has(page.nextCursor)) {
      throw new LightyearInvalidResponseError(
        `the API returned the cursor ${JSON.stringify(page.nextCursor)} twice; stopping instead of looping`,
        { status: 200 },
      );
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
