import { WireDecodeError, WireEncodeError } from './errors';

/** Protobuf wire types (the low three bits of a tag). */
export const WireType = {
  VARINT: 0,
  FIXED64: 1,
  LENGTH_DELIMITED: 2,
  START_GROUP: 3,
  END_GROUP: 4,
  FIXED32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** Appends protobuf primitives to a growing buffer. */
export class WireWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(initialSize);
  }

  private reserve(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  tag(fieldNumber: number, wireType: WireType): void {
    this.varint(fieldNumber * 8 + wireType);
  }

  /**
   * Any safe integer. Negative values take the 10-byte two's-complement form of int64/int32, as protobuf
   * requires for those types.
   */
  varint(value: number): void {
    if (!Number.isSafeInteger(value)) {
      throw new WireEncodeError(`varint value ${value} is not a safe integer`);
    }
    if (value < 0) {
      this.negativeVarint(value);
      return;
    }
    this.reserve(8);
    let rest = value;
    while (rest > 0x7f) {
      this.buf[this.pos++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buf[this.pos++] = rest;
  }

  private negativeVarint(value: number): void {
    this.reserve(10);
    let rest = BigInt.asUintN(64, BigInt(value));
    while (rest > 0x7fn) {
      this.buf[this.pos++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.buf[this.pos++] = Number(rest);
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  string(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  /** A copy of everything written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Reads protobuf primitives from a buffer, refusing truncated or oversized input. */
export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** A varint as a number: int64 two's complement is honoured; beyond the safe integer range is refused. */
  varint(): number {
    const start = this.pos;
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.byte();
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) {
          throw new WireDecodeError(`varint at offset ${start} exceeds the safe integer range`);
        }
        return result;
      }
      multiplier *= 0x80;
    }
    // Nine or ten bytes: a negative int64 (or a huge unsigned value). Rare, so BigInt is fine here.
    this.pos = start;
    return this.longVarint();
  }

  private longVarint(): number {
    const start = this.pos;
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) {
        const signed = BigInt.asIntN(64, result);
        if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw new WireDecodeError(`varint at offset ${start} exceeds the safe integer range`);
        }
        return Number(signed);
      }
    }
    throw new WireDecodeError(`varint at offset ${start} is longer than 10 bytes`);
  }

  tag(): { fieldNumber: number; wireType: number } {
    const tag = this.varint();
    const fieldNumber = Math.floor(tag / 8);
    if (fieldNumber === 0) throw new WireDecodeError(`field number 0 at offset ${this.pos}`);
    return { fieldNumber, wireType: tag % 8 };
  }

  /** A length-delimited field's payload, copied so it outlives the transport's buffer. */
  bytes(): Uint8Array {
    return new Uint8Array(this.lengthDelimited());
  }

  string(): string {
    return Buffer.from(this.lengthDelimited()).toString('utf8');
  }

  /** A length-delimited payload as a view (for nested messages and packed runs, which are parsed at once). */
  lengthDelimited(): Uint8Array {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) {
      throw new WireDecodeError(`length ${length} at offset ${this.pos} runs past the end of the message`);
    }
    const view = this.buf.subarray(this.pos, end);
    this.pos = end;
    return view;
  }

  /** Skips one field's payload whose tag was just read (unknown fields are ignored, as proto3 requires). */
  skip(wireType: number, fieldNumber: number): void {
    switch (wireType) {
      case WireType.VARINT:
        this.varintSkip();
        return;
      case WireType.FIXED64:
        this.advance(8);
        return;
      case WireType.LENGTH_DELIMITED:
        this.lengthDelimited();
        return;
      case WireType.FIXED32:
        this.advance(4);
        return;
      case WireType.START_GROUP:
        for (;;) {
          const inner = this.tag();
          if (inner.wireType === WireType.END_GROUP) {
            if (inner.fieldNumber !== fieldNumber) {
              throw new WireDecodeError(`group ${fieldNumber} closed by end tag of ${inner.fieldNumber}`);
            }
            return;
          }
          this.skip(inner.wireType, inner.fieldNumber);
        }
      default:
        throw new WireDecodeError(`unsupported wire type ${wireType} for field ${fieldNumber}`);
    }
  }

  private varintSkip(): void {
    for (let i = 0; i < 10; i++) {
      if (this.byte() < 0x80) return;
    }
    throw new WireDecodeError(`varint at offset ${this.pos} is longer than 10 bytes`);
  }

  private advance(count: number): void {
    if (this.pos + count > this.buf.length) {
      throw new WireDecodeError(`fixed-width field at offset ${this.pos} runs past the end of the message`);
    }
    this.pos += count;
  }

  private byte(): number {
    const byte = this.buf[this.pos];
    if (byte === undefined) throw new WireDecodeError(`message truncated at offset ${this.pos}`);
    this.pos++;
    return byte;
  }
}
