import { listReply } from '../http/list-reply';
import {
  DNS_PRIORITY_TYPES,
  createDnsRecordRequestSchema,
  dnsRecordListSchema,
  dnsRecordResponseSchema,
  listDnsRecordsQuerySchema,
  updateDnsRecordRequestSchema,
  type DnsRecord,
  type DnsRecordType,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { DnsNameError, normalizeRecordName } from '../../spelling/dns-names';
import { findRecordConflict, type RecordCandidate } from '../dns/record-conflicts';
import { DnsRecordDataError, normalizeRecordData } from '../../spelling/dns-record-data';
import { emitRecordChanged } from '../dns/record-events';
import { ConflictError, InvalidRequestError, NotFoundError, type FieldError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import type { DnsRecordStore } from '../store/dns-records';
import { domainFromPath } from './domains';

const COLLECTION = '/v1/domains/:domain/records';
const ITEM = '/v1/domains/:domain/records/:id';

/** `/v1/domains/{domain}/records`: create, list, read, change and delete the records of a domain. */
export function dnsRecordRoutes({ store, clock }: CloudContext): Route[] {
  const records: DnsRecordStore = store.dnsRecords;
  const found = (domain: string, id: string): DnsRecord => {
    const record = records.get(domain, id);
    if (record === undefined) {
      throw new NotFoundError(`There is no record with id ${id} in the domain ${domain}.`, {
        resource: 'record',
        domain,
        id,
      });
    }
    return record;
  };
  /** Checks the rules that involve the other records of the name; run inside the write transaction. */
  const refuseConflicts = (candidate: RecordCandidate): void => {
    const conflict = findRecordConflict(candidate, records.atName(candidate.domain, candidate.name));
    if (conflict === undefined) return;
    throw new ConflictError(`Invalid ${conflict.field}: ${conflict.reason}.`, {
      field: conflict.field,
      reason: conflict.reason,
      ...(conflict.existingId === undefined ? {} : { existing_id: conflict.existingId }),
    });
  };

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Create a DNS record',
        body: createDnsRecordRequestSchema,
        status: 201,
        response: dnsRecordResponseSchema,
        errors: ['conflict'],
      },
      permission: 'dns:write',
      handler: ({ params, body }) => {
        const request = parseBody(createDnsRecordRequestSchema, body);
        const record = store.transaction(() => {
          const { domain } = domainFromPath(store.domains, params.domain as string);
          const fields = normalizeFields(domain, request.type, {
            name: request.name,
            data: request.data,
            priority: request.priority ?? null,
            priorityGiven: request.priority !== undefined,
          });
          const created: DnsRecord = {
            id: newId('record'),
            domain,
            type: request.type,
            ...fields,
            ttl: request.ttl,
            created_at: clock.nowIso(),
          };
          refuseConflicts(created);
          records.insert(created);
          emitRecordChanged(store.events, 'created', created, created.created_at);
          return created;
        });
        const location = `/v1/domains/${record.domain}/records/${record.id}`;
        return { status: 201, body: { record }, headers: { Location: location } };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List the records of a DNS domain',
        query: listDnsRecordsQuerySchema,
        status: 200,
        response: dnsRecordListSchema,
      },
      permission: 'dns:read',
      handler: ({ params, query }): Reply => {
        const { per_page, cursor, order, sort, type, name } = parseQuery(listDnsRecordsQuerySchema, query);
        const { domain } = domainFromPath(store.domains, params.domain as string);
        const nameFilter = name === undefined ? undefined : recordName(name, domain);
        return listReply('records', () =>
          records.list({
            domain,
            sort,
            order,
            perPage: per_page,
            type,
            name: nameFilter,
            cursor,
          }),
        );
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get a DNS record', status: 200, response: dnsRecordResponseSchema },
      permission: 'dns:read',
      handler: ({ params }) => {
        const { domain } = domainFromPath(store.domains, params.domain as string);
        return { status: 200, body: { record: found(domain, params.id as string) } };
      },
    },
    {
      method: 'PATCH',
      path: ITEM,
      describe: {
        summary: 'Change the name, data, TTL or priority of a DNS record',
        body: updateDnsRecordRequestSchema,
        status: 200,
        response: dnsRecordResponseSchema,
        errors: ['conflict'],
      },
      permission: 'dns:write',
      handler: ({ params, body }) => {
        refuseTypeChange(body);
        const changes = parseBody(updateDnsRecordRequestSchema, body);
        const record = store.transaction(() => {
          const { domain } = domainFromPath(store.domains, params.domain as string);
          const current = found(domain, params.id as string);
          const fields = normalizeFields(domain, current.type, {
            name: changes.name ?? current.name,
            data: changes.data ?? current.data,
            priority: changes.priority ?? current.priority,
            priorityGiven: changes.priority !== undefined,
          });
          const next: DnsRecord = { ...current, ...fields, ttl: changes.ttl ?? current.ttl };
          if (sameRecord(current, next)) return current;
          refuseConflicts(next);
          const updated = records.update(next) ?? found(domain, current.id);
          emitRecordChanged(store.events, 'updated', updated, clock.nowIso(), current);
          return updated;
        });
        return { status: 200, body: { record } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete a DNS record', status: 204 },
      permission: 'dns:write',
      handler: ({ params }) => {
        store.transaction(() => {
          const { domain } = domainFromPath(store.domains, params.domain as string);
          const record = found(domain, params.id as string);
          records.delete(domain, record.id);
          emitRecordChanged(store.events, 'deleted', record, clock.nowIso());
        });
        return { status: 204 };
      },
    },
  ];
}

interface RawFields {
  readonly name: string;
  readonly data: string;
  readonly priority: number | null;
  /** Whether the request itself carried a priority (a stored one is never "sent"). */
  readonly priorityGiven: boolean;
}

type NormalizedFields = Pick<DnsRecord, 'name' | 'data' | 'priority'>;

/** Name, data and priority in canonical form, or one 400 that lists every field that is wrong. */
function normalizeFields(domain: string, type: DnsRecordType, raw: RawFields): NormalizedFields {
  const errors: FieldError[] = [];
  let name = raw.name;
  let data = raw.data;
  try {
    name = normalizeRecordName(raw.name, domain);
  } catch (error) {
    if (!(error instanceof DnsNameError)) throw error;
    errors.push({ field: 'name', reason: error.message });
  }
  try {
    data = normalizeRecordData(type, raw.data);
  } catch (error) {
    if (!(error instanceof DnsRecordDataError)) throw error;
    errors.push({ field: 'data', reason: error.message });
  }
  const takesPriority = DNS_PRIORITY_TYPES.includes(type);
  if (takesPriority && raw.priority === null) {
    errors.push({ field: 'priority', reason: `is required for ${type} records` });
  }
  if (!takesPriority && raw.priorityGiven) {
    errors.push({ field: 'priority', reason: `is only accepted for MX and SRV records, not ${type}` });
  }
  const [first, ...rest] = errors;
  if (first !== undefined) throw InvalidRequestError.forFields([first, ...rest]);
  return { name, data, priority: takesPriority ? raw.priority : null };
}

function recordName(name: string, domain: string): string {
  try {
    return normalizeRecordName(name, domain);
  } catch (error) {
    if (error instanceof DnsNameError) throw InvalidRequestError.forField('name', error.message);
    throw error;
  }
}

/** A record's type is its identity: changing it is a delete and a create, so PATCH says so plainly. */
function refuseTypeChange(body: unknown): void {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'type')) {
    throw InvalidRequestError.forField(
      'type',
      'cannot be changed; delete the record and create one of the new type',
    );
  }
}

function sameRecord(a: DnsRecord, b: DnsRecord): boolean {
  return a.name === b.name && a.data === b.data && a.ttl === b.ttl && a.priority === b.priority;
}
