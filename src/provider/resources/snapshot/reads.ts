import type { Snapshot } from '../../../api';
import { coalescedReads } from '../../refresh/client-reads';

/**
 * The snapshot reads of one configured provider, coalesced (src/provider/refresh): many snapshots refresh
 * from list pages instead of one GET each.
 */
export const snapshotReads = coalescedReads<Snapshot>((client) => client.snapshots);
