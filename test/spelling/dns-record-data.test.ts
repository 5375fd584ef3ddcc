import type { DnsRecordType } from '../../src/spelling/dns-record-types';
import { performance } from 'node:perf_hooks';
import {
  DnsRecordDataError,
  MAX_TXT_BYTES,
  normalizeRecordData,
  recordDataToSend,
  sameRecordData,
  txtContent,
} from '../../src/spelling/dns-record-data';

function reasonOf(type: DnsRecordType, data: string): string {
  try {
    normalizeRecordData(type, data);
  } catch (error) {
    if (error instanceof DnsRecordDataError) return error.reason;
    throw error;
  }
  throw new Error(`expected ${type} ${JSON.stringify(data)} to be refused`);
}

describe('normalizeRecordData', () => {
  it.each<[DnsRecordType, string, string]>([
    ['A', '203.0.113.10', '203.0.113.10'],
    ['AAAA', '2001:0DB8:0:0::0001', '2001:db8::1'],
    ['CNAME', 'Target.Example.NET.', 'target.example.net'],
    ['CNAME', 's1._domainkey.mail.example', 's1._domainkey.mail.example'],
    ['MX', 'MX1.Example.com.', 'mx1.example.com'],
    ['NS', 'ns1.example.net', 'ns1.example.net'],
    ['SRV', '  10   5060\tSip.Example.com. ', '10 5060 sip.example.com'],
    ['SRV', '0 0 sip.example.com', '0 0 sip.example.com'],
    ['SRV', '007 443 sip.example.com', '7 443 sip.example.com'],
    ['CAA', '0 issue "letsencrypt.org"', '0 issue "letsencrypt.org"'],
    ['CAA', '0 ISSUE letsencrypt.org', '0 issue "letsencrypt.org"'],
    ['CAA', '128 issuewild ";"', '128 issuewild ";"'],
    ['CAA', '0 issue ""', '0 issue ""'],
    ['CAA', '0 iodef "mailto:security@example.com"', '0 iodef "mailto:security@example.com"'],
    ['CAA', '0 issue "ca.example; account=12345"', '0 issue "ca.example; account=12345"'],
    ['TXT', 'v=spf1 include:_spf.example.com -all', 'v=spf1 include:_spf.example.com -all'],
    ['TXT', '"quoted" text stays as sent', '"quoted" text stays as sent'],
    ['TXT', 'ünïcödé', 'ünïcödé'],
  ])('%s %j → %j', (type, data, canonical) => {
    expect(normalizeRecordData(type, data)).toBe(canonical);
  });

  it.each<[DnsRecordType, string, string | RegExp]>([
    ['A', '2001:db8::1', 'must be an IPv4 address in dotted-decimal form, such as 203.0.113.10'],
    ['A', 'example.com', 'must be an IPv4 address in dotted-decimal form, such as 203.0.113.10'],
    ['AAAA', '203.0.113.10', 'must be an IPv6 address, such as 2001:db8::1'],
    ['CNAME', 'localhost', 'must have at least two labels, such as example.com'],
    ['CNAME', '203.0.113.10', 'must not end in an all-numeric label; an IP address is not a domain name'],
    ['MX', '_mx.example.com', /in each label; it contains "_"$/],
    ['NS', 'ns1..example.net', 'must not have an empty label (a leading dot or two dots in a row)'],
    ['SRV', 'sip.example.com', /^must be "weight port target"/],
    ['SRV', '10 5060', /^must be "weight port target"/],
    [
      'SRV',
      '10 65536 sip.example.com',
      'must have a port that is a whole number from 0 to 65535 (got "65536")',
    ],
    [
      'SRV',
      '-1 5060 sip.example.com',
      'must have a weight that is a whole number from 0 to 65535 (got "-1")',
    ],
    [
      'SRV',
      '1.5 5060 sip.example.com',
      'must have a weight that is a whole number from 0 to 65535 (got "1.5")',
    ],
    [
      'SRV',
      '10 5060 sip',
      'has a target that is not a host name: it must have at least two labels, such as example.com',
    ],
    ['CAA', 'issue letsencrypt.org', /^must be "flags tag value"/],
    ['CAA', '256 issue "ca.example"', 'must have flags that are a whole number from 0 to 255 (got "256")'],
    ['CAA', '0 tbs "ca.example"', 'must have the tag issue, issuewild or iodef (got "tbs")'],
    ['CAA', '0 issue "ca"example"', 'must have a value of printable ASCII characters without inner quotes'],
    ['CAA', '0 issue "cä.example"', 'must have a value of printable ASCII characters without inner quotes'],
    ['CAA', '0 iodef "security@example.com"', /^must have an iodef value that is a mailto:/],
    ['CAA', `0 issue "${'a'.repeat(256)}"`, 'must have a value of at most 255 characters'],
    ['TXT', 'line one\nline two', 'must not contain control characters such as line breaks or tabs'],
    [
      'TXT',
      'x'.repeat(MAX_TXT_BYTES + 1),
      `must be at most ${MAX_TXT_BYTES} bytes long in UTF-8 (it is 4097)`,
    ],
    ['TXT', 'é'.repeat(2049), `must be at most ${MAX_TXT_BYTES} bytes long in UTF-8 (it is 4098)`],
  ])('refuses %s %j: %s', (type, data, reason) => {
    const actual = reasonOf(type, data);
    if (typeof reason === 'string') expect(actual).toBe(reason);
    else expect(actual).toMatch(reason);
  });

  it('takes TXT data up to the byte limit exactly', () => {
    const text = 'x'.repeat(MAX_TXT_BYTES);
    expect(normalizeRecordData('TXT', text)).toBe(text);
  });
});

describe('sameRecordData', () => {
  it.each([
    ['AAAA', '2001:DB8:0::1', '2001:db8::1'],
    ['MX', 'Mail.Example.com.', 'mail.example.com'],
    ['CAA', '0 ISSUE letsencrypt.org', '0 issue "letsencrypt.org"'],
    ['SRV', '5  5060   sip.example.com.', '5 5060 sip.example.com'],
  ] as [DnsRecordType, string, string][])('%s: %j means %j', (type, a, b) => {
    expect(sameRecordData(type, a, b)).toBe(true);
  });

  it('compares TXT data as written', () => {
    expect(sameRecordData('TXT', 'v=spf1 -all', 'v=spf1  -all')).toBe(false);
  });
});

describe('CAA parsing time', () => {
  function msPerCall(text: string): number {
    let best = Infinity;
    for (let batch = 0; batch < 5; batch += 1) {
      const start = performance.now();
      try {
        normalizeRecordData('CAA', text);
      } catch (error) {
        if (!(error instanceof DnsRecordDataError)) throw error;
      }
      best = Math.min(best, performance.now() - start);
    }
    return best;
  }

  it('is linear: a long run of blanks inside the value costs what ordinary text of that length does', () => {
    // The regex this replaced, /^\s*(\S+)\s+(\S+)\s+(.*?)\s*$/, took ~0.6 s on this 16 KB value.
    const hostile = `0 issue x${' '.repeat(16_000)}y`;
    const normal = `0 issue ${'x'.repeat(16_001)}`;
    msPerCall(normal);
    expect(msPerCall(hostile) / Math.max(msPerCall(normal), 0.01)).toBeLessThan(10);
  });
});

describe('txtContent: what a TXT record carries, however it is quoted', () => {
  it.each([
    ['v=spf1 -all', 'v=spf1 -all'],
    ['"v=spf1 -all"', 'v=spf1 -all'],
    ['  "v=spf1 -all"  ', 'v=spf1 -all'],
    ['"part one " "part two"', 'part one part two'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', 'back\\slash'],
    ['""', ''],
    // Not made only of quoted strings: the text itself, quotes and all.
    ['say "hi"', 'say "hi"'],
    ['"unterminated', '"unterminated'],
    ['"a"b', '"a"b'],
    ['"a" b', '"a" b'],
  ])('%j carries %j', (written, content) => {
    expect(txtContent(written)).toBe(content);
  });

  it('makes the quoted and the bare spelling the same TXT data, and is sent unquoted', () => {
    expect(
      sameRecordData('TXT', '"v=spf1 include:_spf.example.com ~all"', 'v=spf1 include:_spf.example.com ~all'),
    ).toBe(true);
    expect(sameRecordData('TXT', '"a" "b"', 'ab')).toBe(true);
    expect(sameRecordData('TXT', 'Hello', 'hello')).toBe(false);
    expect(recordDataToSend('TXT', '"v=spf1 -all"')).toBe('v=spf1 -all');
    // Other types go as written: the API canonicalizes them.
    expect(recordDataToSend('MX', 'Mail.Example.com.')).toBe('Mail.Example.com.');
  });
});
