import {
  PortsError,
  canonicalRulePorts,
  comparePortRanges,
  formatPorts,
  parsePorts,
  parseRulePorts,
  samePorts,
  sameRulePorts,
} from '../../src/spelling/ports';

describe('parsePorts', () => {
  it('reads a single port and a range', () => {
    expect(parsePorts('22')).toEqual({ low: 22, high: 22 });
    expect(parsePorts('8000-9000')).toEqual({ low: 8000, high: 9000 });
  });

  it.each([
    ['022', 'write "22"'],
    ['22-22', 'write a single port as "22"'],
    ['90-80', 'write "80-90"'],
    ['80:90', 'write "80-90"'],
    [' 80 - 90 ', 'write "80-90"'],
    ['80-', undefined],
    ['ssh', undefined],
    ['0', undefined],
    ['70000', undefined],
  ])('refuses %j with the fix %j', (text, fix) => {
    expect(() => parsePorts(text)).toThrow(PortsError);
    try {
      parsePorts(text);
    } catch (error) {
      expect((error as PortsError).fix).toBe(fix);
    }
  });

  it('refuses ports beyond 65535 and empty ranges with the reasons the API gives', () => {
    expect(() => parsePorts('65536')).toThrow('must name ports from 1 to 65535');
    expect(() => parsePorts('22-22')).toThrow('must be a range whose first port is below its last');
  });

  it('writes a range back as it was read', () => {
    expect(formatPorts(parsePorts('22'))).toBe('22');
    expect(formatPorts(parsePorts('8000-9000'))).toBe('8000-9000');
  });
});

describe('samePorts', () => {
  it('is equality of valid values, and never throws on invalid ones', () => {
    expect(samePorts('22', '22')).toBe(true);
    expect(samePorts('22', '23')).toBe(false);
    expect(samePorts('022', '22')).toBe(false);
    expect(samePorts('x', 'x')).toBe(true);
  });
});

describe('comparePortRanges', () => {
  it('orders by first port, then by last port', () => {
    const ranges = ['80', '22-80', '22', '443', '1-65535'].map(parsePorts).sort(comparePortRanges);
    expect(ranges).toEqual([
      { low: 1, high: 65535 },
      { low: 22, high: 22 },
      { low: 22, high: 80 },
      { low: 80, high: 80 },
      { low: 443, high: 443 },
    ]);
  });
});

describe('parseRulePorts (what a provider accepts and sends canonical)', () => {
  it.each([
    ['22', '22'],
    ['8000-9000', '8000-9000'],
    ['22-22', '22'],
    ['0022', '22'],
    [' 22 ', '22'],
    [' 0080 - 0090 ', '80-90'],
    ['1-65535', '1-65535'],
  ])('reads %j as %j', (text, canonical) => {
    expect(canonicalRulePorts(text)).toBe(canonical);
    expect(sameRulePorts(text, canonical)).toBe(true);
  });

  it.each([
    ['80-22', 'must be a range whose first port is not above its last; write "22-80"'],
    ['80:90', 'must be a port such as "22" or a range such as "8000-9000"; write "80-90"'],
    ['70000', 'must name ports from 1 to 65535'],
    ['0', 'must name ports from 1 to 65535'],
    ['22-0', 'must name ports from 1 to 65535'],
    ['-22', 'must be a port such as "22" or a range such as "8000-9000"'],
    ['22-', 'must be a port such as "22" or a range such as "8000-9000"'],
    ['1-2-3', 'must be a port such as "22" or a range such as "8000-9000"'],
    ['ssh', 'must be a port such as "22" or a range such as "8000-9000"'],
    ['', 'must be a port such as "22" or a range such as "8000-9000"'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseRulePorts(text)).toThrow(PortsError);
    expect(() => parseRulePorts(text)).toThrow(message);
  });

  it('is the same only where the meaning is one port or range', () => {
    expect(sameRulePorts('22', '23')).toBe(false);
    expect(sameRulePorts('22-23', '22')).toBe(false);
    expect(sameRulePorts('80-22', '22-80')).toBe(false);
  });

  it('reads long hostile input in linear time', () => {
    const long = '1-'.repeat(50_000);
    const started = process.hrtime.bigint();
    expect(() => parseRulePorts(long)).toThrow(PortsError);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });
});
