import { formatIpv6Bytes, parseIpv4Bytes, parseIpv6Bytes } from '../../../src/cloud/net/ip-address';

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
