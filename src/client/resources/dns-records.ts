import type {
  CreateDnsRecordRequest,
  DnsRecord,
  ListDnsRecordsQuery,
  UpdateDnsRecordRequest,
} from '../../api';
import { dnsRecordListSchema, dnsRecordResponseSchema } from '../../api';
import { pathSegment } from '../path-segment';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { UpdatableCollection, paged, unwrapped } from './collection';

/** Filters `type` and `name` (`""` or `@` for the apex); sort by `created_at` or `name`. */
export type DnsRecordListQuery = ListQuery<ListDnsRecordsQuery>;

/**
 * `/domains/{domain}/records`: the records of one domain. `data` comes back canonical per type; the type is
 * immutable; clashes (a CNAME beside another record of its name) are 409 `conflict` naming the field.
 */
export type DnsRecords = UpdatableCollection<
  DnsRecord,
  CreateDnsRecordRequest,
  UpdateDnsRecordRequest,
  DnsRecordListQuery
>;

export function dnsRecords(api: ApiRequester, domain: string): DnsRecords {
  const one = unwrapped(dnsRecordResponseSchema, 'record');
  return new UpdatableCollection(api, {
    path: `/domains/${pathSegment(domain, 'domain')}/records`,
    idName: 'dns record id',
    one,
    created: one,
    page: paged(dnsRecordListSchema, 'records'),
  });
}
