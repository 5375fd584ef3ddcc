import type { Firewall } from '../../../api';
import { coalescedReads } from '../../refresh/client-reads';

/**
 * The firewall reads of one configured provider, coalesced: a refresh of many firewalls is answered from list
 * pages instead of one GET per firewall (src/provider/refresh).
 */
export const firewallReads = coalescedReads<Firewall>((client) => client.firewalls);
