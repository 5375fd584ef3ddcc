import type { SshKey } from '../../../api';
import { coalescedReads } from '../../refresh/client-reads';

/**
 * The SSH key reads of one configured provider, coalesced: a refresh of many keys is answered from list pages
 * of 500 instead of one GET per key (src/provider/refresh).
 */
export const sshKeyReads = coalescedReads<SshKey>((client) => client.sshKeys);
