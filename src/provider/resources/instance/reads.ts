import type { Instance } from '../../../api';
import { coalescedReads } from '../../refresh/client-reads';

/**
 * The instance reads of one configured provider, coalesced: a refresh of 200 instances is answered from list
 * pages of 500 instead of one GET per instance (src/provider/refresh).
 */
export const instanceReads = coalescedReads<Instance>((client) => client.instances);
