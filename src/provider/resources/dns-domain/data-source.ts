import type { LightyearClient } from '../../../client';
import type { DataSourceDefinition, OperationContext } from '../../framework/resource';
import { attr, resourceSchema } from '../../framework/schema-builder';
import type { ObjectValue } from '../../protocol/values';
import { apiCall } from '../operations';
import { listRecords, recordListAttribute } from '../dns-record/record-list';
import { canonicalDomain } from '../dns-record/rules';
import { checkDomainSpelling } from './rules';
import { DNS_DOMAIN_TYPE } from './schema';

export const dnsDomainDataSourceSchema = resourceSchema({
  version: 0,
  description: 'An existing DNS domain and all its records.',
  attributes: {
    domain: attr.string({
      description: 'The domain name; any case and a trailing dot are accepted (`Example.COM.`).',
      required: true,
      validate: checkDomainSpelling,
    }),
    id: attr.string({ description: 'The domain name as the API stores it.', computed: true }),
    created_at: attr.string({ description: 'When the domain was added (RFC 3339, UTC).', computed: true }),
    records: recordListAttribute,
  },
});

/** `data "lightyear_dns_domain"`: a domain that does not exist is an error naming it, not an empty result. */
export const dnsDomainDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: DNS_DOMAIN_TYPE,
  schema: dnsDomainDataSourceSchema,

  async read(ctx: OperationContext<LightyearClient>, config: ObjectValue) {
    const written = config['domain'] as string;
    const name = canonicalDomain(written) ?? written;
    const schema = dnsDomainDataSourceSchema;
    const domain = await apiCall('Reading the DNS domain', schema, () =>
      ctx.client.domains.get(name, { signal: ctx.signal }),
    );
    const records = await apiCall('Listing the DNS records', schema, () =>
      listRecords(ctx.client, domain.domain, {}, ctx.signal),
    );
    return { domain: written, id: domain.domain, created_at: domain.created_at, records };
  },
};
