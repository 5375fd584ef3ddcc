/** Raised when SSH wire data ends early or holds an impossible length. */
export class SshWireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshWireFormatError';
  }
}

/**
 * Reads the SSH wire encoding of RFC 4251 §5 (uint32 lengths, strings, mpints) from a buffer, refusing
 * any read past its end so a forged length can never make the parser look at memory it was not given.
 */
export class SshWireReader {
  private offset = 0;

  constructor(private readonly data: Buffer) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  readUint32(what: string): number {
    if (this.remaining < 4) throw new SshWireFormatError(`ends before the length of the ${what}`);
    const value = this.data.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A length-prefixed byte string. */
  readString(what: string): Buffer {
    const length = this.readUint32(what);
    if (length > this.remaining) {
      throw new SshWireFormatError(`says the ${what} is ${length} bytes but only ${this.remaining} follow`);
    }
    const value = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** A length-prefixed string that must be printable ASCII (key type and curve names). */
  readAsciiString(what: string): string {
    const bytes = this.readString(what);
    if (!bytes.every((b) => b >= 0x20 && b < 0x7f))
      throw new SshWireFormatError(`has a ${what} that is not text`);
    return bytes.toString('latin1');
  }

  /**
   * A non-negative mpint as its magnitude without leading zero bytes. Negative values (high bit set) are
   * refused: no public key field may be negative.
   */
  readUnsignedMpint(what: string): Buffer {
    const bytes = this.readString(what);
    if (bytes.length > 0 && (bytes[0] as number) & 0x80)
      throw new SshWireFormatError(`has a negative ${what}`);
    let start = 0;
    while (start < bytes.length && bytes[start] === 0) start += 1;
    return bytes.subarray(start);
  }
}

/** Number of significant bits of a big-endian magnitude without leading zero bytes. */
export function bitLength(magnitude: Buffer): number {
  const first = magnitude[0];
  if (first === undefined) return 0;
  return (magnitude.length - 1) * 8 + (32 - Math.clz32(first));
}
