import type { Block } from '../../../api';
import { coalescedReads } from '../../refresh/client-reads';

/**
 * The volume reads of one configured provider, coalesced (src/provider/refresh): a refresh of many volumes,
 * and of their attachments, which read the same volume objects, is answered from list pages instead of one
 * GET per object.
 */
export const blockReads = coalescedReads<Block>((client) => client.blocks);
