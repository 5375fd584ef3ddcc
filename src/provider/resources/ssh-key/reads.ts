import type { LightyearClient } from '../../../client';
import type { SshKey } from '../../../api';
import { clientModule } from '../../client-module';
import { RefreshCoalescer } from '../../refresh/coalescer';

const byClient = new WeakMap<LightyearClient, RefreshCoalescer<SshKey>>();

/**
 * The SSH key reads of one configured provider, coalesced: a refresh of many keys is answered from list pages
 * of 500 instead of one GET per key (src/provider/refresh). It lives as long as the client.
 */
export function sshKeyReads(client: LightyearClient): RefreshCoalescer<SshKey> {
  let reads = byClient.get(client);
  if (reads === undefined) {
    reads = new RefreshCoalescer<SshKey>({
      listPage: (cursor, perPage, signal) =>
        client.sshKeys.list({ ...(cursor === undefined ? {} : { cursor }), per_page: perPage }, { signal }),
      get: (id, signal) =>
        client.sshKeys.get(id, { signal }).catch((error: unknown) => {
          if (clientModule().isNotFoundError(error)) return undefined;
          throw error;
        }),
      idOf: (key) => key.id,
    });
    byClient.set(client, reads);
  }
  return reads;
}
