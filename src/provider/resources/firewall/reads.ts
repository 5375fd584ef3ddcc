import type { LightyearClient } from '../../../client';
import type { Firewall } from '../../../api';
import { clientModule } from '../../client-module';
import { RefreshCoalescer } from '../../refresh/coalescer';

const byClient = new WeakMap<LightyearClient, RefreshCoalescer<Firewall>>();

/**
 * The firewall reads of one configured provider, coalesced: a refresh of many firewalls is answered from list
 * pages instead of one GET per firewall (src/provider/refresh). It lives as long as the client.
 */
export function firewallReads(client: LightyearClient): RefreshCoalescer<Firewall> {
  let reads = byClient.get(client);
  if (reads === undefined) {
    reads = new RefreshCoalescer<Firewall>({
      listPage: (cursor, perPage, signal) =>
        client.firewalls.list({ ...(cursor === undefined ? {} : { cursor }), per_page: perPage }, { signal }),
      get: (id, signal) =>
        client.firewalls.get(id, { signal }).catch((error: unknown) => {
          if (clientModule().isNotFoundError(error)) return undefined;
          throw error;
        }),
      idOf: (firewall) => firewall.id,
    });
    byClient.set(client, reads);
  }
  return reads;
}
