import {
  DnsRecordFieldError,
  normalizeRecordType,
  priorityProblem,
  sameRecordType,
  ttlProblem,
} from '../../src/spelling/dns-record-types';

describe('normalizeRecordType', () => {
  it.each([
    ['A', 'A'],
    ['a', 'A'],
    ['Mx', 'MX'],
    [' txt ', 'TXT'],
    ['caa', 'CAA'],
  ])('%j is %j', (written, type) => {
    expect(normalizeRecordType(written)).toBe(type);
  });

  it('refuses a type the API does not serve, listing those it does', () => {
    expect(() => normalizeRecordType('PTR')).toThrow(DnsRecordFieldError);
    expect(() => normalizeRecordType('PTR')).toThrow(/one of A, AAAA, CNAME, MX, TXT, NS, SRV, CAA/);
  });

  it('compares types without case; unknown types equal only themselves', () => {
    expect(sameRecordType('a', 'A')).toBe(true);
    expect(sameRecordType('a', 'AAAA')).toBe(false);
    expect(sameRecordType('ptr', 'PTR')).toBe(false);
    expect(sameRecordType('ptr', 'ptr')).toBe(true);
  });
});

describe('ttlProblem', () => {
  it.each([60, 300, 86400])('accepts %d', (ttl) => expect(ttlProblem(ttl)).toBeUndefined());
  it.each([59, 86401, 0, 300.5])('refuses %d, saying the range', (ttl) =>
    expect(ttlProblem(ttl)).toMatch(/from 60 to 86400/),
  );
});

describe('priorityProblem', () => {
  it('requires a priority for MX and SRV', () => {
    expect(priorityProblem('MX', null)).toBe('is required for MX records');
    expect(priorityProblem('SRV', null)).toBe('is required for SRV records');
    expect(priorityProblem('MX', 10)).toBeUndefined();
    expect(priorityProblem('SRV', 0)).toBeUndefined();
  });

  it('refuses a priority for every other type', () => {
    expect(priorityProblem('A', 10)).toBe('is only accepted for MX and SRV records, not A');
    expect(priorityProblem('TXT', null)).toBeUndefined();
  });

  it('refuses a priority outside 0–65535', () => {
    expect(priorityProblem('MX', 65536)).toMatch(/from 0 to 65535/);
    expect(priorityProblem('MX', -1)).toMatch(/from 0 to 65535/);
  });
});
