import type { DnsRecord } from '../../../src/api';
import { findRecordConflict, type RecordCandidate } from '../../../src/cloud/dns/record-conflicts';

const DOMAIN = 'example.com';

function existing(
  id: string,
  type: DnsRecord['type'],
  name: string,
  data: string,
  priority: number | null = null,
) {
  const record: DnsRecord = {
    id,
    domain: DOMAIN,
    type,
    name,
    data,
    ttl: 300,
    priority,
    created_at: '2030-01-01T00:00:00.000Z',
  };
  return record;
}

function candidate(
  type: DnsRecord['type'],
  name: string,
  data: string,
  extra: Partial<RecordCandidate> = {},
) {
  return { domain: DOMAIN, type, name, data, priority: null, ...extra };
}

describe('findRecordConflict', () => {
  it('allows several records of other types, and several A records, at one name', () => {
    const others = [existing('rec_a1', 'A', 'www', '203.0.113.1'), existing('rec_t', 'TXT', 'www', 'hello')];
    expect(findRecordConflict(candidate('A', 'www', '203.0.113.2'), others)).toBeUndefined();
    expect(findRecordConflict(candidate('AAAA', 'www', '2001:db8::1'), others)).toBeUndefined();
  });

  it('refuses a CNAME at the apex even when the apex is empty', () => {
    expect(findRecordConflict(candidate('CNAME', '', 'target.example.net'), [])).toEqual({
      field: 'name',
      reason: "cannot be the apex for a CNAME: example.com always holds the zone's SOA and NS records",
    });
  });

  it('refuses a CNAME beside any other record of the name, naming it', () => {
    const others = [existing('rec_t', 'TXT', 'www', 'hello')];
    expect(findRecordConflict(candidate('CNAME', 'www', 'target.example.net'), others)).toEqual({
      field: 'name',
      reason: 'already has a TXT record (rec_t) at www.example.com; a CNAME cannot share its name',
      existingId: 'rec_t',
    });
  });

  it('refuses a second CNAME at the same name, even with the same target', () => {
    const others = [existing('rec_c', 'CNAME', 'www', 'target.example.net')];
    expect(findRecordConflict(candidate('CNAME', 'www', 'other.example.net'), others)).toMatchObject({
      existingId: 'rec_c',
      reason: "is a CNAME (rec_c) at www.example.com; no other record can share a CNAME's name",
    });
  });

  it('refuses any record beside an existing CNAME', () => {
    const others = [existing('rec_c', 'CNAME', 'www', 'target.example.net')];
    expect(findRecordConflict(candidate('TXT', 'www', 'hello'), others)).toMatchObject({
      field: 'name',
      existingId: 'rec_c',
    });
  });

  it('refuses an exact duplicate, and tells MX records apart by priority', () => {
    const others = [existing('rec_m', 'MX', '', 'mx1.example.com', 10)];
    expect(findRecordConflict(candidate('MX', '', 'mx1.example.com', { priority: 10 }), others)).toEqual({
      field: 'data',
      reason: 'is already held by the same MX record (rec_m) at example.com',
      existingId: 'rec_m',
    });
    expect(
      findRecordConflict(candidate('MX', '', 'mx1.example.com', { priority: 20 }), others),
    ).toBeUndefined();
  });

  it('ignores the record being updated, so a CNAME can be changed in place', () => {
    const others = [existing('rec_c', 'CNAME', 'www', 'target.example.net')];
    const update = candidate('CNAME', 'www', 'other.example.net', { id: 'rec_c' });
    expect(findRecordConflict(update, others)).toBeUndefined();
  });
});
