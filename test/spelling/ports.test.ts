import { PortsError, comparePortRanges, formatPorts, parsePorts, samePorts } from '../../src/spelling/ports';

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
