import type { LightyearClient } from '../../../client';
import { judge, normalizeRecordType, normalizeWrittenRecordName } from '../../../spelling';
import type { Diagnostics } from '../../framework/diagnostics';
import type { DataSourceDefinition, OperationContext } from '../../framework/resource';
import { attr, resourceSchema } from '../../framework/schema-builder';
import type { ObjectValue } from '../../protocol/values';
import { checkDomainSpelling, said } from '../dns-domain/rules';
import { apiCall } from '../operations';
import { listRecords, recordListAttribute } from './record-list';
import { canonicalDomain, checkRecordType } from './rules';

export const DNS_RECORDS_TYPE = 'lightyear_dns_records';

export const dnsRecordsDataSourceSchema = resourceSchema({
  version: 0,
  description: 'The records of an existing DNS domain, optionally only those of one type and/or one name.',
  attributes: {
    domain: attr.string({
      description: 'The domain name; any case and a trailing dot are accepted.',
      required: true,
      validate: checkDomainSpelling,
    }),
    type: attr.string({
      description: 'Only records of this type (any case: `mx` is `MX`).',
      optional: true,
      validate: checkRecordType,
    }),
    name: attr.string({
      description:
        'Only records of this name, relative to the domain: `""` or `"@"` for the apex; case and the absolute spelling with a trailing dot (`www.example.com.`) do not matter.',
      optional: true,
    }),
    id: attr.string({ description: 'The domain name as the API stores it.', computed: true }),
    records: recordListAttribute,
  },
});

function nameFilterProblem(config: ObjectValue): string | undefined {
  const name = config['name'];
  const domain = canonicalDomain(config['domain']);
  if (typeof name !== 'string' || domain === undefined) return undefined;
  const verdict = judge(() => normalizeWrittenRecordName(name, domain));
  return verdict.ok ? undefined : `name ${said(verdict.problem)}`;
}

/** `data "lightyear_dns_records"`: no matching record is an empty list, a missing domain an error. */
export const dnsRecordsDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: DNS_RECORDS_TYPE,
  schema: dnsRecordsDataSourceSchema,

  validateConfig(config: ObjectValue, diagnostics: Diagnostics) {
    const problem = nameFilterProblem(config);
    if (problem !== undefined) diagnostics.error('Invalid name', problem, ['name']);
  },

  async read(ctx: OperationContext<LightyearClient>, config: ObjectValue) {
    const written = config['domain'] as string;
    const domain = canonicalDomain(written) ?? written;
    const type = config['type'];
    const name = config['name'];
    const filters = {
      ...(typeof type === 'string' ? { type: normalizeRecordType(type) } : {}),
      ...(typeof name === 'string' ? { name: normalizeWrittenRecordName(name, domain) } : {}),
    };
    const records = await apiCall('Listing the DNS records', dnsRecordsDataSourceSchema, () =>
      listRecords(ctx.client, domain, filters, ctx.signal),
    );
    return { domain: written, type: type ?? null, name: name ?? null, id: domain, records };
  },
};
