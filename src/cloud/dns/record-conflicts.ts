import type { DnsRecord } from '../../api';
import { APEX, fullyQualifiedName } from '../../spelling/dns-names';

/** What a new or changed record would be, already normalized. `id` is set when it is an update. */
export type RecordCandidate = Pick<DnsRecord, 'domain' | 'type' | 'name' | 'data' | 'priority'> & {
  readonly id?: string;
};

/** Why a record cannot exist beside the others: the field to blame and, usually, the record in the way. */
export interface RecordConflict {
  readonly field: 'name' | 'data';
  readonly reason: string;
  readonly existingId?: string;
}

/**
 * The rules that depend on other records of the same name (RFC 1034 §3.6.2, RFC 2181 §10.1):
 *
 * - a CNAME is never at the apex: the apex always holds the zone's SOA and NS records;
 * - a CNAME shares its name with no other record, not even another CNAME;
 * - no record joins a name that is a CNAME;
 * - the same record (type, data and priority) exists once: an RRset is a set.
 *
 * `sameName` holds the records of the candidate's domain with the candidate's name; the candidate itself
 * (by id) is ignored there, so an update does not conflict with its own old version.
 */
export function findRecordConflict(
  candidate: RecordCandidate,
  sameName: readonly DnsRecord[],
): RecordConflict | undefined {
  const fqdn = fullyQualifiedName(candidate.name, candidate.domain);
  if (candidate.type === 'CNAME' && candidate.name === APEX) {
    return {
      field: 'name',
      reason: `cannot be the apex for a CNAME: ${fqdn} always holds the zone's SOA and NS records`,
    };
  }
  const others = sameName.filter((record) => record.id !== candidate.id);
  const cname = others.find((record) => record.type === 'CNAME');
  if (cname !== undefined) {
    return {
      field: 'name',
      reason: `is a CNAME (${cname.id}) at ${fqdn}; no other record can share a CNAME's name`,
      existingId: cname.id,
    };
  }
  const [first] = others;
  if (candidate.type === 'CNAME' && first !== undefined) {
    return {
      field: 'name',
      reason: `already has a ${first.type} record (${first.id}) at ${fqdn}; a CNAME cannot share its name`,
      existingId: first.id,
    };
  }
  const duplicate = others.find(
    (record) =>
      record.type === candidate.type &&
      record.data === candidate.data &&
      record.priority === candidate.priority,
  );
  if (duplicate !== undefined) {
    return {
      field: 'data',
      reason: `is already held by the same ${candidate.type} record (${duplicate.id}) at ${fqdn}`,
      existingId: duplicate.id,
    };
  }
  return undefined;
}
