import type { LightyearClient } from '../../../client';
import type { Snapshot } from '../../../api';
import { clientModule } from '../../client-module';
import { RefreshCoalescer } from '../../refresh/coalescer';

const byClient = new WeakMap<LightyearClient, RefreshCoalescer<Snapshot>>();

/**
 * The snapshot reads of one configured provider, coalesced (src/provider/refresh): many snapshots refresh
 * from list pages instead of one GET each. It lives as long as the client.
 */
export function snapshotReads(client: LightyearClient): RefreshCoalescer<Snapshot> {
  let reads = byClient.get(client);
  if (reads === undefined) {
    reads = new RefreshCoalescer<Snapshot>({
      listPage: (cursor, perPage, signal) =>
        client.snapshots.list({ ...(cursor === undefined ? {} : { cursor }), per_page: perPage }, { signal }),
      get: (id, signal) =>
        client.snapshots.get(id, { signal }).catch((error: unknown) => {
          if (clientModule().isNotFoundError(error)) return undefined;
          throw error;
        }),
      idOf: (snapshot) => snapshot.id,
    });
    byClient.set(client, reads);
  }
  return reads;
}
