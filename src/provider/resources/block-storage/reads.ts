import type { LightyearClient } from '../../../client';
import type { Block } from '../../../api';
import { clientModule } from '../../client-module';
import { RefreshCoalescer } from '../../refresh/coalescer';

const byClient = new WeakMap<LightyearClient, RefreshCoalescer<Block>>();

/**
 * The volume reads of one configured provider, coalesced (src/provider/refresh): a refresh of many volumes,
 * and of their attachments, which read the same volume objects, is answered from list pages instead of one
 * GET per object. It lives as long as the client.
 */
export function blockReads(client: LightyearClient): RefreshCoalescer<Block> {
  let reads = byClient.get(client);
  if (reads === undefined) {
    reads = new RefreshCoalescer<Block>({
      listPage: (cursor, perPage, signal) =>
        client.blocks.list({ ...(cursor === undefined ? {} : { cursor }), per_page: perPage }, { signal }),
      get: (id, signal) =>
        client.blocks.get(id, { signal }).catch((error: unknown) => {
          if (clientModule().isNotFoundError(error)) return undefined;
          throw error;
        }),
      idOf: (block) => block.id,
    });
    byClient.set(client, reads);
  }
  return reads;
}
