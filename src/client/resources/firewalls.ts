import type { CreateFirewallRequest, Firewall, ListFirewallsQuery, UpdateFirewallRequest } from '../../api';
import { firewallListSchema, firewallResponseSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { UpdatableCollection, paged, unwrapped } from './collection';

/** Filter `name`; sort by `created_at` or `name`. */
export type FirewallListQuery = ListQuery<ListFirewallsQuery>;

/**
 * `/firewalls`. Rules come back canonical (CIDRs with host bits zero, sorted, without duplicates); an update's
 * rule list replaces that list whole. Deleting one that instances use is 409 `resource_in_use`, whose
 * `heldBy` lists them.
 */
export type Firewalls = UpdatableCollection<
  Firewall,
  CreateFirewallRequest,
  UpdateFirewallRequest,
  FirewallListQuery
>;

export function firewalls(api: ApiRequester): Firewalls {
  const one = unwrapped(firewallResponseSchema, 'firewall');
  return new UpdatableCollection(api, {
    path: '/firewalls',
    idName: 'firewall id',
    one,
    created: one,
    page: paged(firewallListSchema, 'firewalls'),
  });
}
