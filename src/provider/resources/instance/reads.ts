import type { LightyearClient } from '../../../client';
import type { Instance } from '../../../api';
import { clientModule } from '../../client-module';
import { RefreshCoalescer } from '../../refresh/coalescer';

const byClient = new WeakMap<LightyearClient, RefreshCoalescer<Instance>>();

/**
 * The instance reads of one configured provider, coalesced: a refresh of 200 instances is answered from list
 * pages of 500 instead of one GET per instance (src/provider/refresh). It lives as long as the client.
 */
export function instanceReads(client: LightyearClient): RefreshCoalescer<Instance> {
  let reads = byClient.get(client);
  if (reads === undefined) {
    reads = new RefreshCoalescer<Instance>({
      listPage: (cursor, perPage, signal) =>
        client.instances.list({ ...(cursor === undefined ? {} : { cursor }), per_page: perPage }, { signal }),
      get: (id, signal) =>
        client.instances.get(id, { signal }).catch((error: unknown) => {
          if (clientModule().isNotFoundError(error)) return undefined;
          throw error;
        }),
      idOf: (instance) => instance.id,
    });
    byClient.set(client, reads);
  }
  return reads;
}
