import type { LightyearClient } from '../../../client';
import type { DnsRecord } from '../../../api';
import { fullyQualifiedName } from '../../../spelling';
import { attr } from '../../framework/schema-builder';
import type { ObjectValue } from '../../protocol/values';

/**
 * Records as the DNS data sources list them: one object per record, every member read from the API, in the
 * API's spelling (type upper-case, names relative and lower-case, data canonical), oldest first.
 */
export const recordListAttribute = attr.list(
  {
    id: attr.string({ description: 'The record id (`rec_...`).', computed: true }),
    type: attr.string({ description: 'The record type, upper-case (`A`, `MX`, ...).', computed: true }),
    name: attr.string({
      description: 'The name relative to the domain, lower-case; `""` at the apex.',
      computed: true,
    }),
    fqdn: attr.string({ description: 'The fully qualified name (`www.example.com`).', computed: true }),
    data: attr.string({
      description:
        'The record data as the API stores it: addresses and host names canonical, TXT text unquoted.',
      computed: true,
    }),
    ttl: attr.number({ description: 'Time to live in seconds.', computed: true }),
    priority: attr.number({ description: 'MX and SRV records only; null for others.', computed: true }),
    created_at: attr.string({ description: 'When the record was created (RFC 3339, UTC).', computed: true }),
  },
  { description: 'The records, oldest first.', computed: true },
);

export function recordObject(record: DnsRecord): ObjectValue {
  return {
    id: record.id,
    type: record.type,
    name: record.name,
    fqdn: fullyQualifiedName(record.name, record.domain),
    data: record.data,
    ttl: record.ttl,
    priority: record.priority,
    created_at: record.created_at,
  };
}

/** Every record of `domain` matching the filters, across pages. */
export async function listRecords(
  client: LightyearClient,
  domain: string,
  filters: { readonly type?: string; readonly name?: string },
  signal: AbortSignal,
): Promise<ObjectValue[]> {
  const query = {
    ...(filters.type === undefined ? {} : { type: filters.type as DnsRecord['type'] }),
    ...(filters.name === undefined ? {} : { name: filters.name }),
    per_page: 500,
  };
  const records = await client.domains.records(domain).listAll(query, { signal });
  return records.map(recordObject);
}
