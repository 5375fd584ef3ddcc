import {
  IpAddressError,
  canonicalIpAddress,
  canonicalIpv4,
  canonicalIpv6,
  formatIpv6Bytes,
  parseIpv4Bytes,
  parseIpv6,
  parseIpv6Bytes,
  sameIpAddress,
} from '../../src/spelling/ip-address';

describe('the shared address parser', () => {
  it.each(['010.0.0.1', '1.2.3', '256.0.0.1', '1.2.3.4.5', ''])('refuses IPv4 %j', (text) => {
    expect(parseIpv4Bytes(text)).toBeUndefined();
  });

  it.each([
    '1.2.3.4::',
    '::1.2.3.4:1',
    'fe80::1%eth0',
    '[::1]',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
  ])('refuses IPv6 %j', (text) => {
    expect(parseIpv6Bytes(text)).toBeUndefined();
  });

  it('writes IPv4-mapped addresses dotted for ranges and in hex for DNS data', () => {
    const bytes = parseIpv6Bytes('::FFFF:192.0.2.1')!;
    expect(formatIpv6Bytes(bytes, 'dotted')).toBe('::ffff:192.0.2.1');
    expect(formatIpv6Bytes(bytes, 'hex')).toBe('::ffff:c000:201');
  });

  it('compresses the longest zero run, the first on a tie (RFC 5952)', () => {
    expect(formatIpv6Bytes(parseIpv6Bytes('2001:0db8:0:0:1:0:0:1')!, 'hex')).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6Bytes(parseIpv6Bytes('2001:db8:0:1:1:1:1:1')!, 'hex')).toBe('2001:db8:0:1:1:1:1:1');
  });
});

describe('canonicalIpv4', () => {
  it.each(['0.0.0.0', '203.0.113.10', '255.255.255.255', '10.0.0.1'])('accepts %s unchanged', (text) => {
    expect(canonicalIpv4(text)).toBe(text);
  });

  it.each([
    ['leading zeros', '010.0.0.1'],
    ['an octet over 255', '256.1.1.1'],
    ['three parts', '1.2.3'],
    ['five parts', '1.2.3.4.5'],
    ['an empty part', '1..2.3'],
    ['a sign', '+1.2.3.4'],
    ['hex', '0x7f.0.0.1'],
    ['spaces', ' 1.2.3.4'],
    ['an IPv6 address', '::1'],
    ['nothing', ''],
  ])('refuses %s', (_case, text) => {
    expect(() => canonicalIpv4(text)).toThrow(IpAddressError);
    expect(() => canonicalIpv4(text)).toThrow('must be an IPv4 address in dotted-decimal form');
  });
});

describe('canonicalIpv6 (RFC 5952)', () => {
  it.each([
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['0:0:0:0:0:0:0:0', '::'],
    // A single zero group is not compressed.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // The longest run wins; on a tie, the first.
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['FE80::ABCD:0012', 'fe80::abcd:12'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalIpv6(input)).toBe(canonical);
  });

  it('gives every spelling of one address the same text', () => {
    const spellings = [
      '2001:db8:0:0:0:0:2:1',
      '2001:db8::2:1',
      '2001:0db8:0000::0002:0001',
      '2001:DB8::0:2:1',
    ];
    expect(new Set(spellings.map(canonicalIpv6))).toEqual(new Set(['2001:db8::2:1']));
  });

  it.each([
    ['two ::', '1::2::3'],
    ['nine groups', '1:2:3:4:5:6:7:8:9'],
    ['seven groups without ::', '1:2:3:4:5:6:7'],
    [':: standing for no group', '1:2:3:4::5:6:7:8'],
    ['a five-digit group', '12345::1'],
    ['a leading single colon', ':1:2:3:4:5:6:7'],
    ['a trailing single colon', '1:2:3:4:5:6:7:'],
    ['a zone id', 'fe80::1%eth0'],
    ['brackets', '[::1]'],
    ['an IPv4 tail before ::', '1.2.3.4::1'],
    ['a bad IPv4 tail', '::ffff:1.2.3.256'],
    ['an IPv4 address', '192.0.2.1'],
    ['non-hex', '2001:db8::g'],
    ['nothing', ''],
  ])('refuses %s', (_case, text) => {
    expect(() => parseIpv6(text)).toThrow(IpAddressError);
    expect(() => parseIpv6(text)).toThrow('must be an IPv6 address');
  });
});

describe('sameIpAddress', () => {
  it.each([
    ['2001:DB8:0:0::1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['203.0.113.10', '203.0.113.10'],
  ])('%s means %s', (a, b) => {
    expect(sameIpAddress(a, b)).toBe(true);
  });

  it.each([
    ['203.0.113.10', '203.0.113.11'],
    ['010.0.0.1', '10.0.0.1'],
    ['::1', '::2'],
    ['192.0.2.1', '::ffff:192.0.2.1'],
  ])('%s is not %s', (a, b) => {
    expect(sameIpAddress(a, b)).toBe(false);
  });

  it('reads either family, with the reason naming both', () => {
    expect(canonicalIpAddress('2001:0DB8::0001')).toBe('2001:db8::1');
    expect(canonicalIpAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(() => canonicalIpAddress('192.0.2')).toThrow('must be an IPv4 or IPv6 address');
  });
});
