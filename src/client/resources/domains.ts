import type { CreateDomainRequest, Domain, ListDomainsQuery } from '../../api';
import { domainListSchema, domainResponseSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { Collection, paged, unwrapped } from './collection';
import type { DnsRecords } from './dns-records';
import { dnsRecords } from './dns-records';

/** Sort by `created_at` or `domain`. */
export type DomainListQuery = ListQuery<ListDomainsQuery>;

/**
 * `/domains`, addressed by name rather than id: `get('example.com')`. Names come back lower-case without a
 * trailing dot; a name already registered in any spelling is 409 `conflict`. Deleting a domain removes its
 * records.
 */
export class Domains extends Collection<Domain, CreateDomainRequest, DomainListQuery> {
  constructor(api: ApiRequester) {
    const one = unwrapped(domainResponseSchema, 'domain');
    super(api, {
      path: '/domains',
      idName: 'domain',
      one,
      created: one,
      page: paged(domainListSchema, 'domains'),
    });
  }

  /** The records of `domain`. */
  records(domain: string): DnsRecords {
    return dnsRecords(this.api, domain);
  }
}
