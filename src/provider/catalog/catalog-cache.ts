import type { LightyearClient } from '../../client';
import type { Image, Plan, Region } from '../../api';

/**
 * The catalog (regions, plans, images) of one configured provider, fetched once and shared. Terraform reads
 * many data sources per plan, and resources check their region/plan/image against the catalog at plan time;
 * the catalog is fixed data, so one `GET` of each list per provider process is enough.
 *
 * Keyed by client like the SSH key reads (`resources/ssh-key/reads.ts`): a provider process configured again
 * (a new client) fetches again, and nothing outlives the client. For instance, storage and other kinds:
 * `catalogOf(ctx.client).plans(ctx.signal)`.
 */
export interface CatalogCache {
  regions(signal?: AbortSignal): Promise<readonly Region[]>;
  plans(signal?: AbortSignal): Promise<readonly Plan[]>;
  images(signal?: AbortSignal): Promise<readonly Image[]>;
}

/** The catalog lists as the cache fetches them: `client.regions.listAll()` and friends. */
export interface CatalogSource {
  regions(): Promise<readonly Region[]>;
  plans(): Promise<readonly Plan[]>;
  images(): Promise<readonly Image[]>;
}

const byClient = new WeakMap<LightyearClient, CatalogCache>();

export function catalogOf(client: LightyearClient): CatalogCache {
  let cache = byClient.get(client);
  if (cache === undefined) {
    cache = catalogCache({
      // Not the caller's signal: the fetch is shared by every reader, and one cancelled read must not fail
      // the others. The client carries the provider's stop signal, so Ctrl-C still cancels it.
      regions: () => client.regions.listAll({ per_page: 500 }),
      plans: () => client.plans.listAll({ per_page: 500 }),
      images: () => client.images.listAll({ per_page: 500 }),
    });
    byClient.set(client, cache);
  }
  return cache;
}

/** The caching itself, over any source (tests count the fetches). */
export function catalogCache(source: CatalogSource): CatalogCache {
  return {
    regions: once(() => source.regions()),
    plans: once(() => source.plans()),
    images: once(() => source.images()),
  };
}

/**
 * One fetch shared by every caller; a failed fetch is forgotten so the next read tries again (a rate limit or
 * a network blip must not stick for the whole run). Each caller still stops waiting when its own signal aborts.
 */
function once<T>(fetch: () => Promise<T>): (signal?: AbortSignal) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (signal) => {
    if (pending === undefined) {
      const attempt = fetch();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return signal === undefined ? pending : untilAborted(pending, signal);
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The read was cancelled');
}
