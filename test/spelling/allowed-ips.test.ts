import {
  AllowedIpError,
  canonicalAllowedIps,
  isAddressAllowed,
  rangesOutside,
  sameAllowedIps,
} from '../../src/spelling/allowed-ips';

describe('canonicalAllowedIps', () => {
  it('zeroes host bits, makes bare addresses host ranges, writes IPv6 per RFC 5952, drops repeats', () => {
    expect(
      canonicalAllowedIps([
        '10.9.8.7/8',
        '192.0.2.1',
        '2001:DB8:0:0:0:0:0:1',
        '2001:db8::1/128',
        '::/0',
        '10.0.0.0/8',
      ]),
    ).toEqual(['10.0.0.0/8', '192.0.2.1/32', '2001:db8::1/128', '::/0']);
  });

  it('writes IPv4-mapped IPv6 ranges as the IPv4 ranges they are, since clients are matched as IPv4', () => {
    expect(
      canonicalAllowedIps([
        '::ffff:203.0.113.0/120',
        '::ffff:10.0.0.1',
        '::FFFF:c000:0201/128',
        '::ffff:0:0/96',
      ]),
    ).toEqual(['203.0.113.0/24', '10.0.0.1/32', '192.0.2.1/32', '0.0.0.0/0']);
    // A range wider than the mapped block holds real IPv6 addresses too: kept as written.
    expect(canonicalAllowedIps(['::ffff:0:0/95'])).toEqual(['::fffe:0:0/95']);
    expect(canonicalAllowedIps(['10.0.0.0/8', '::ffff:10.0.0.0/104'])).toEqual(['10.0.0.0/8']);
  });

  it.each(['10.0.0.256', '10.0.0.0/33', '2001:db8::/129', 'localhost', '', '10.0.0.01', 'fe80::1%eth0'])(
    'refuses %p with a reason that names it',
    (entry) => {
      expect(() => canonicalAllowedIps([entry])).toThrow(AllowedIpError);
      try {
        canonicalAllowedIps([entry]);
      } catch (error) {
        expect((error as AllowedIpError).reason).toContain(JSON.stringify(entry));
      }
    },
  );
});

describe('isAddressAllowed', () => {
  const ranges = ['10.0.0.0/8', '192.0.2.7/32', '2001:db8::/32'];
  it.each<[string | undefined, boolean]>([
    ['10.200.3.4', true],
    ['11.0.0.1', false],
    ['192.0.2.7', true],
    ['192.0.2.8', false],
    ['2001:db8:ffff::1', true],
    ['2001:db9::1', false],
    // A dual-stack socket reports IPv4 clients as IPv4-mapped IPv6, in either spelling.
    ['::ffff:10.1.2.3', true],
    ['::ffff:a01:203', true],
    ['::ffff:11.1.2.3', false],
    ['::1', false],
    ['not an address', false],
    [undefined, false],
  ])('%p → %p', (address, allowed) => {
    expect(isAddressAllowed(ranges, address)).toBe(allowed);
  });

  it('admits anything with 0.0.0.0/0 and ::/0', () => {
    expect(isAddressAllowed(['0.0.0.0/0'], '203.0.113.9')).toBe(true);
    expect(isAddressAllowed(['::/0'], '2001:db8::9')).toBe(true);
    expect(isAddressAllowed(['::/0'], '203.0.113.9')).toBe(false);
  });
});

describe('rangesOutside', () => {
  it('lists the ranges not wholly inside one of the outer ranges', () => {
    expect(
      rangesOutside(
        ['10.1.0.0/16', '10.0.0.0/7', '192.0.2.1/32', '2001:db8::/48'],
        ['10.0.0.0/8', '2001:db8::/32'],
      ),
    ).toEqual(['10.0.0.0/7', '192.0.2.1/32']);
  });
});

describe('sameAllowedIps', () => {
  it('compares the canonical ranges in order', () => {
    expect(sameAllowedIps(['203.0.113.7', '10.0.0.5/8'], ['203.0.113.7/32', '10.0.0.0/8'])).toBe(true);
    expect(sameAllowedIps(['10.0.0.0/8', '203.0.113.7/32'], ['203.0.113.7/32', '10.0.0.0/8'])).toBe(false);
    expect(sameAllowedIps(['nope'], ['10.0.0.0/8'])).toBe(false);
    expect(sameAllowedIps(['nope'], ['nope'])).toBe(true);
  });
});
