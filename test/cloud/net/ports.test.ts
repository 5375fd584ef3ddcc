import { comparePortRanges, parsePorts } from '../../../src/cloud/net/ports';

describe('parsePorts', () => {
  it('reads a single port and a range', () => {
    expect(parsePorts('22')).toEqual({ low: 22, high: 22 });
    expect(parsePorts('8000-9000')).toEqual({ low: 8000, high: 9000 });
  });

  it('throws on text the request schema would have refused', () => {
    expect(() => parsePorts('022')).toThrow(RangeError);
    expect(() => parsePorts('80-')).toThrow(RangeError);
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
