import type { LightyearClient } from '../../client';
import { clientModule } from '../client-module';
import { RefreshCoalescer, type ListPage } from './coalescer';

/** What a typed client collection (`client.firewalls`, `client.instances`, ...) offers the coalescer. */
export interface ReadableCollection<T> {
  list(query: { cursor?: string; per_page: number }, options: { signal: AbortSignal }): Promise<ListPage<T>>;
  get(id: string, options: { signal: AbortSignal }): Promise<T>;
}

/**
 * The coalesced reads of one kind, one coalescer per configured provider (keyed by its client, so nothing
 * outlives the client): a refresh of many objects is answered from list pages instead of one GET each, and
 * an object the API no longer has reads as undefined, so it leaves the state.
 */
export function coalescedReads<T extends { readonly id: string }>(
  collectionOf: (client: LightyearClient) => ReadableCollection<T>,
): (client: LightyearClient) => RefreshCoalescer<T> {
  const byClient = new WeakMap<LightyearClient, RefreshCoalescer<T>>();
  return (client) => {
    let reads = byClient.get(client);
    if (reads === undefined) {
      const collection = collectionOf(client);
      reads = new RefreshCoalescer<T>({
        listPage: (cursor, perPage, signal) =>
          collection.list({ ...(cursor === undefined ? {} : { cursor }), per_page: perPage }, { signal }),
        get: (id, signal) =>
          collection.get(id, { signal }).catch((error: unknown) => {
            if (clientModule().isNotFoundError(error)) return undefined;
            throw error;
          }),
        idOf: (item) => item.id,
      });
      byClient.set(client, reads);
    }
    return reads;
  };
}
