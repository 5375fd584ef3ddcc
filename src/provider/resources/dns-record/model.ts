import type { CreateDnsRecordRequest, DnsRecord, UpdateDnsRecordRequest } from '../../../api';
import { DNS_PRIORITY_TYPES, fullyQualifiedName, recordDataToSend } from '../../../spelling';
import { readState, toValue } from '../../framework/typed-state';
import type { ObjectValue } from '../../protocol/values';
import { canonicalDomain, recordType, relativeName } from './rules';
import { dnsRecordSchema, type DnsRecordState } from './schema';

export function stateFromValue(v: ObjectValue): DnsRecordState {
  return readState(dnsRecordSchema, v);
}

/** The domain as the API addresses it; a spelling it would refuse is sent as written, for the API to say why. */
export function domainOf(state: DnsRecordState): string {
  return canonicalDomain(state.domain) ?? state.domain ?? '';
}

/**
 * The fields as the API takes them: the type upper-case, the name relative (`"@"` and `www.example.com.` as
 * `""` and `www`), TXT data without zone-file quotes. Other data goes as written: the API canonicalizes it.
 * A value validation would have refused is sent as written, so the API's own reason reaches the user.
 */
function fields(s: DnsRecordState) {
  const type = recordType(s.type);
  const data = s.data ?? '';
  return {
    type: type ?? ((s.type ?? '') as CreateDnsRecordRequest['type']),
    name: relativeName(s.name ?? '', s.domain) ?? s.name ?? '',
    data: type === undefined ? data : recordDataToSend(type, data),
    ttl: s.ttl ?? undefined,
    takesPriority: type !== undefined && DNS_PRIORITY_TYPES.includes(type),
  };
}

export function createRequestFrom(planned: ObjectValue): CreateDnsRecordRequest {
  const s = stateFromValue(planned);
  const f = fields(s);
  return {
    type: f.type,
    name: f.name,
    data: f.data,
    ...(f.ttl === undefined ? {} : { ttl: f.ttl }),
    ...(s.priority === null ? {} : { priority: s.priority }),
  };
}

/** Every changeable field, sent whole: the API leaves a record untouched when nothing differs. */
export function updateRequestFrom(planned: ObjectValue): UpdateDnsRecordRequest {
  const s = stateFromValue(planned);
  const f = fields(s);
  return {
    name: f.name,
    data: f.data,
    ...(f.ttl === undefined ? {} : { ttl: f.ttl }),
    ...(f.takesPriority && s.priority !== null ? { priority: s.priority } : {}),
  };
}

/**
 * The API object as state, in the API's spelling; the server keeps the user's spelling wherever the two mean
 * the same (framework/equivalence.ts, with the rules in rules.ts).
 */
export function stateFromApi(record: DnsRecord): DnsRecordState {
  return {
    id: record.id,
    domain: record.domain,
    type: record.type,
    name: record.name,
    data: record.data,
    ttl: record.ttl,
    priority: record.priority,
    fqdn: fullyQualifiedName(record.name, record.domain),
    created_at: record.created_at,
  };
}

export function valueFromApi(record: DnsRecord): ObjectValue {
  return toValue(dnsRecordSchema, stateFromApi(record));
}

/**
 * The fqdn a plan can know before apply: from the planned name and domain, when both are known and valid
 * (else unknown until the API answers). The same function of the same canonical values the API returns.
 */
export function plannedFqdn(planned: ObjectValue): string | undefined {
  const domain = canonicalDomain(planned['domain']);
  const name = relativeName(planned['name'], planned['domain']);
  return domain === undefined || name === undefined ? undefined : fullyQualifiedName(name, domain);
}
