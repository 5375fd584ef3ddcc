import { randomBytes } from 'node:crypto';
import {
  CidrError,
  canonicalCidr,
  canonicalRuleCidr,
  compareCidrs,
  formatCidr,
  hostBitsHint,
  parseCidr,
  parseRuleCidr,
  sameCidr,
  sameRuleCidr,
} from '../../src/spelling/cidr';

function reasonFor(text: string): string {
  try {
    parseCidr(text);
  } catch (error) {
    if (error instanceof CidrError) return error.reason;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe('canonicalCidr', () => {
  it.each([
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.0.0.5/8', '10.0.0.0/8'],
    ['192.168.1.77/30', '192.168.1.76/30'],
    ['203.0.113.7/32', '203.0.113.7/32'],
    ['255.255.255.255/1', '128.0.0.0/1'],
    ['::0/0', '::/0'],
    ['::/0', '::/0'],
    ['0:0:0:0:0:0:0:0/0', '::/0'],
    ['2001:DB8::1/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001/128', '2001:db8::1/128'],
    ['2001:db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'],
    ['2001:db8:0:1:0:0:0:1/128', '2001:db8:0:1::1/128'],
    ['2001:db8::1:0:0:0:0/128', '2001:db8:0:1::/128'],
    ['1:0:1:0:1:0:1:0/128', '1:0:1:0:1:0:1:0/128'],
    ['fe80::1:2:3:4/10', 'fe80::/10'],
    ['::ffff:192.0.2.1/128', '::ffff:192.0.2.1/128'],
    ['::ffff:c000:0201/128', '::ffff:192.0.2.1/128'],
    ['64:ff9b::198.51.100.9/96', '64:ff9b::/96'],
    ['::1/128', '::1/128'],
    ['1::/16', '1::/16'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalCidr(input)).toBe(canonical);
  });

  it('agrees with the WHATWG URL serializer on the compression of random IPv6 addresses', () => {
    for (let i = 0; i < 500; i++) {
      const bytes = randomBytes(16);
      // Zero some groups so runs of zeros (and ties between runs) actually occur.
      for (let g = 0; g < 8; g++) if (bytes[2 * g]! % 2 === 0) bytes.writeUInt16BE(0, 2 * g);
      if (bytes.subarray(0, 10).every((b) => b === 0) && bytes.readUInt16BE(10) === 0xffff) continue;
      const groups = Array.from({ length: 8 }, (_, g) => bytes.readUInt16BE(2 * g).toString(16));
      const expected = new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
      expect(canonicalCidr(`${groups.join(':')}/128`)).toBe(`${expected}/128`);
    }
  });
});

describe('parseCidr refuses', () => {
  it.each([
    ['10.0.0.0', /prefix length/],
    ['::', /prefix length/],
    ['10.0.0.0/33', /from 0 to 32 for IPv4/],
    ['::/129', /from 0 to 128 for IPv6/],
    ['10.0.0.0/', /from 0 to 32/],
    ['10.0.0.0/08', /from 0 to 32/],
    ['10.0.0.0/-1', /from 0 to 32/],
    ['10.0.0.0/8/8', /from 0 to 32/],
    ['10.0.0/8', /IPv4 or IPv6 CIDR/],
    ['10.0.0.256/32', /IPv4 or IPv6 CIDR/],
    ['010.0.0.0/8', /IPv4 or IPv6 CIDR/],
    ['10.0.0.-1/8', /IPv4 or IPv6 CIDR/],
    [' 10.0.0.0/8', /IPv4 or IPv6 CIDR/],
    ['a.b.c.d/8', /IPv4 or IPv6 CIDR/],
    ['1:2:3:4:5:6:7/64', /IPv4 or IPv6 CIDR/],
    ['1:2:3:4:5:6:7:8:9/64', /IPv4 or IPv6 CIDR/],
    ['1:2:3:4::5:6:7:8/64', /IPv4 or IPv6 CIDR/],
    ['1::2::3/64', /IPv4 or IPv6 CIDR/],
    ['12345::/16', /IPv4 or IPv6 CIDR/],
    ['fe80::1%eth0/64', /IPv4 or IPv6 CIDR/],
    ['::ffff:1.2.3/128', /IPv4 or IPv6 CIDR/],
    ['::1.2.3.4:5/128', /IPv4 or IPv6 CIDR/],
    ['/0', /IPv4 or IPv6 CIDR/],
    ['', /prefix length/],
  ])('%j (%s)', (input, reason) => {
    expect(reasonFor(input)).toMatch(reason);
  });

  it('with reasons that read after a field name', () => {
    expect(reasonFor('nonsense/1')).toMatch(/^must /);
    expect(reasonFor('10.0.0.0')).toMatch(/^must /);
    expect(reasonFor('10.0.0.0/40')).toMatch(/^must /);
  });
});

describe('compareCidrs', () => {
  it('orders IPv4 before IPv6, then by address, then wider networks first', () => {
    const texts = ['::/0', '10.0.0.0/16', '2001:db8::/32', '10.0.0.0/8', '9.0.0.0/8', '0.0.0.0/0', '::1/128'];
    expect(texts.map(parseCidr).sort(compareCidrs).map(formatCidr)).toEqual([
      '0.0.0.0/0',
      '9.0.0.0/8',
      '10.0.0.0/8',
      '10.0.0.0/16',
      '::/0',
      '::1/128',
      '2001:db8::/32',
    ]);
  });

  it('is zero for the same network however it was written', () => {
    expect(compareCidrs(parseCidr('10.0.0.5/8'), parseCidr('10.1.2.3/8'))).toBe(0);
    expect(compareCidrs(parseCidr('::0/0'), parseCidr('::/0'))).toBe(0);
  });
});

describe('sameCidr', () => {
  it.each([
    ['::0/0', '::/0'],
    ['10.0.0.5/8', '10.0.0.0/8'],
    ['2001:DB8:0:0::/32', '2001:db8::/32'],
  ])('%s means %s', (a, b) => {
    expect(sameCidr(a, b)).toBe(true);
  });

  it.each([
    ['10.0.0.0/8', '10.0.0.0/16'],
    ['0.0.0.0/0', '::/0'],
    ['203.0.113.7', '203.0.113.7/32'],
  ])('%s is not %s', (a, b) => {
    expect(sameCidr(a, b)).toBe(false);
  });
});

describe('the fix for an address without a prefix', () => {
  it.each([
    ['203.0.113.7', 'did you mean 203.0.113.7/32?'],
    ['2001:DB8::0001', 'did you mean 2001:db8::1/128?'],
    ['example.com', undefined],
  ])('%s: %s', (text, fix) => {
    try {
      parseCidr(text);
      throw new Error('expected a CidrError');
    } catch (error) {
      expect(error).toBeInstanceOf(CidrError);
      expect((error as CidrError).code).toBe('invalid_cidr');
      expect((error as CidrError).fix).toBe(fix);
    }
  });
});

describe('hostBitsHint', () => {
  it('warns when host bits make the network differ from what was written', () => {
    expect(hostBitsHint('10.0.0.5/8')).toBe(
      '10.0.0.5/8 has host bits set and means the network 10.0.0.0/8; for the single host write 10.0.0.5/32',
    );
    expect(hostBitsHint('10.0.0.0/8')).toBeUndefined();
    expect(hostBitsHint('::0/0')).toBeUndefined();
    expect(hostBitsHint('nonsense')).toBeUndefined();
  });
});

describe('canonicalRuleCidr (what a provider accepts in a rule and sends canonical)', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7/32'],
    ['2001:DB8::1', '2001:db8::1/128'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1/128'],
    [' 203.0.113.7 ', '203.0.113.7/32'],
    ['::0/0', '::/0'],
    [' 10.0.0.5/8 ', '10.0.0.0/8'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1/128'],
  ])('reads %j as %j', (text, canonical) => {
    expect(canonicalRuleCidr(text)).toBe(canonical);
    expect(sameRuleCidr(text, canonical)).toBe(true);
  });

  it.each([
    ['203.0.113.256', 'must be an IPv4 or IPv6 CIDR or address, such as 203.0.113.0/24 or 2001:db8::/32'],
    ['010.0.0.1', 'must be an IPv4 or IPv6 CIDR or address'],
    ['fe80::1%eth0', 'must be an IPv4 or IPv6 CIDR or address'],
    ['', 'must be an IPv4 or IPv6 CIDR or address'],
    ['10.0.0.0/33', 'must have a prefix length from 0 to 32 for IPv4'],
    ['banana/8', 'must be an IPv4 or IPv6 CIDR such as'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseRuleCidr(text)).toThrow(CidrError);
    expect(() => parseRuleCidr(text)).toThrow(reason);
  });

  it('is the same only for one network', () => {
    expect(sameRuleCidr('203.0.113.7', '203.0.113.0/24')).toBe(false);
    expect(sameRuleCidr('2001:db8::1', '2001:db8::1/64')).toBe(false);
    expect(sameRuleCidr('nope', 'nope')).toBe(true);
    expect(sameRuleCidr('nope', 'NOPE')).toBe(false);
  });
});
