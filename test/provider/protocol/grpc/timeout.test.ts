import { parseGrpcTimeout } from '../../../../src/provider/protocol/grpc/timeout';

describe('grpc-timeout', () => {
  it('reads every unit into milliseconds', () => {
    expect(parseGrpcTimeout('2H')).toBe(7_200_000);
    expect(parseGrpcTimeout('3M')).toBe(180_000);
    expect(parseGrpcTimeout('5S')).toBe(5000);
    expect(parseGrpcTimeout('250m')).toBe(250);
    expect(parseGrpcTimeout('1500u')).toBe(1.5);
    expect(parseGrpcTimeout('99999999n')).toBeCloseTo(99.999999);
  });

  it('is absent when the header is', () => {
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
  });

  it('refuses values outside the grammar', () => {
    for (const bad of ['', '10', 'S', '123456789S', '1.5S', '10s', '-1S']) {
      expect(() => parseGrpcTimeout(bad)).toThrow(expect.objectContaining({ code: 'grpc_framing_invalid' }));
    }
  });
});
