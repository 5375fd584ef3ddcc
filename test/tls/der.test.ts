import * as der from '../../src/tls/der';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('DER encoders', () => {
  it('encodes INTEGERs minimally', () => {
    expect(hex(der.unsignedInteger(Uint8Array.of(0x00, 0x00, 0x7f)))).toBe('02017f');
    expect(hex(der.unsignedInteger(Uint8Array.of(0x80)))).toBe('02020080');
    expect(hex(der.unsignedInteger(Uint8Array.of(0x00, 0x80, 0x01)))).toBe('0203008001');
    expect(hex(der.unsignedInteger(Uint8Array.of(0x00, 0x00)))).toBe('020100');
    expect(hex(der.smallInteger(0))).toBe('020100');
    expect(hex(der.smallInteger(2))).toBe('020102');
    expect(hex(der.smallInteger(256))).toBe('02020100');
  });

  it('encodes long lengths in the multi-byte form', () => {
    const long = der.octetString(new Uint8Array(300));
    expect(hex(long.subarray(0, 4))).toBe('0482012c');
    expect(hex(der.octetString(new Uint8Array(128)).subarray(0, 3))).toBe('048180');
  });

  it('encodes OIDs with multi-byte arcs', () => {
    expect(hex(der.oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(der.oid('2.5.29.17'))).toBe('0603551d11');
  });

  it('encodes named bits without trailing zero bits', () => {
    expect(hex(der.namedBits([0, 5]))).toBe('03020284');
    expect(hex(der.namedBits([0]))).toBe('03020780');
    expect(hex(der.namedBits([8]))).toBe('0303070080');
  });

  it('switches from UTCTime to GeneralizedTime in 2050', () => {
    expect(Buffer.from(der.time(new Date('2049-12-31T23:59:59.900Z'))).toString('latin1')).toBe(
      '\x17\x0d491231235959Z',
    );
    expect(Buffer.from(der.time(new Date('2050-01-01T00:00:00Z'))).toString('latin1')).toBe(
      '\x18\x0f20500101000000Z',
    );
  });
});
