/**
 * The msgpack primitives Terraform uses for DynamicValue. Written here rather than taken from a library
 * because the value codec needs to see extension types (every extension is an unknown value) and integer
 * widths (int64 beyond 2^53 must stay exact), and because the provider's start-up time is paid per spawn.
 */

export class MsgpackError extends Error {
  readonly code = 'msgpack_invalid';
}

export type MsgpackItem =
  | { readonly t: 'nil' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'int'; readonly v: number | bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bin'; readonly v: Uint8Array }
  | { readonly t: 'array'; readonly length: number }
  | { readonly t: 'map'; readonly length: number }
  | { readonly t: 'ext'; readonly type: number; readonly data: Uint8Array };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one item header (and scalar payload) at a time; arrays and maps announce their length. */
export class MsgpackReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  get offset(): number {
    return this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MsgpackError(`msgpack data ends early at byte ${this.pos}`);
  }

  private u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  private u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  private u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  private bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private str(n: number): string {
    try {
      return utf8.decode(this.bytes(n));
    } catch {
      throw new MsgpackError(`msgpack string at byte ${this.pos - n} is not valid UTF-8`);
    }
  }

  private int64(): number | bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return narrow(v);
  }

  private uint64(): number | bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return narrow(v);
  }

  private ext(n: number): MsgpackItem {
    this.need(1);
    const type = this.view.getInt8(this.pos++);
    return { t: 'ext', type, data: this.bytes(n) };
  }

  next(): MsgpackItem {
    const b = this.u8();
    if (b <= 0x7f) return { t: 'int', v: b };
    if (b >= 0xe0) return { t: 'int', v: b - 0x100 };
    if (b >= 0x80 && b <= 0x8f) return { t: 'map', length: b & 0x0f };
    if (b >= 0x90 && b <= 0x9f) return { t: 'array', length: b & 0x0f };
    if (b >= 0xa0 && b <= 0xbf) return { t: 'str', v: this.str(b & 0x1f) };
    switch (b) {
      case 0xc0:
        return { t: 'nil' };
      case 0xc2:
        return { t: 'bool', v: false };
      case 0xc3:
        return { t: 'bool', v: true };
      case 0xc4:
        return { t: 'bin', v: this.bytes(this.u8()) };
      case 0xc5:
        return { t: 'bin', v: this.bytes(this.u16()) };
      case 0xc6:
        return { t: 'bin', v: this.bytes(this.u32()) };
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca: {
        this.need(4);
        const v = this.view.getFloat32(this.pos);
        this.pos += 4;
        return { t: 'float', v };
      }
      case 0xcb: {
        this.need(8);
        const v = this.view.getFloat64(this.pos);
        this.pos += 8;
        return { t: 'float', v };
      }
      case 0xcc:
        return { t: 'int', v: this.u8() };
      case 0xcd:
        return { t: 'int', v: this.u16() };
      case 0xce:
        return { t: 'int', v: this.u32() };
      case 0xcf:
        return { t: 'int', v: this.uint64() };
      case 0xd0: {
        this.need(1);
        return { t: 'int', v: this.view.getInt8(this.pos++) };
      }
      case 0xd1: {
        this.need(2);
        const v = this.view.getInt16(this.pos);
        this.pos += 2;
        return { t: 'int', v };
      }
      case 0xd2: {
        this.need(4);
        const v = this.view.getInt32(this.pos);
        this.pos += 4;
        return { t: 'int', v };
      }
      case 0xd3:
        return { t: 'int', v: this.int64() };
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return { t: 'str', v: this.str(this.u8()) };
      case 0xda:
        return { t: 'str', v: this.str(this.u16()) };
      case 0xdb:
        return { t: 'str', v: this.str(this.u32()) };
      case 0xdc:
        return { t: 'array', length: this.u16() };
      case 0xdd:
        return { t: 'array', length: this.u32() };
      case 0xde:
        return { t: 'map', length: this.u16() };
      case 0xdf:
        return { t: 'map', length: this.u32() };
      default:
        throw new MsgpackError(`msgpack byte 0x${b.toString(16)} at ${this.pos - 1} is not a valid type`);
    }
  }

  /** Skips one whole item, including everything inside an array or map. */
  skip(): void {
    const item = this.next();
    if (item.t === 'array') for (let i = 0; i < item.length; i++) this.skip();
    if (item.t === 'map') for (let i = 0; i < item.length * 2; i++) this.skip();
  }
}

function narrow(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Appends msgpack items to a growing buffer, always in the smallest encoding. */
export class MsgpackWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(v: boolean): void {
    this.byte(v ? 0xc3 : 0xc2);
  }

  int(v: number | bigint): void {
    if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new MsgpackError(`${v} is not an integer`);
    // Small non-negative ints (counts, sizes, ports) skip the BigInt conversion below.
    if (typeof v === 'number' && v >= 0 && v <= 0x7f) {
      this.byte(v);
      return;
    }
    const big = BigInt(v);
    this.ensure(9);
    if (big >= 0n) {
      if (big <= 0x7fn) this.buf[this.pos++] = Number(big);
      else if (big <= 0xffn) this.pos = this.buf.writeUInt8(Number(big), this.buf.writeUInt8(0xcc, this.pos));
      else if (big <= 0xffffn)
        this.pos = this.buf.writeUInt16BE(Number(big), this.buf.writeUInt8(0xcd, this.pos));
      else if (big <= 0xffffffffn)
        this.pos = this.buf.writeUInt32BE(Number(big), this.buf.writeUInt8(0xce, this.pos));
      else if (big <= 0xffffffffffffffffn)
        this.pos = this.buf.writeBigUInt64BE(big, this.buf.writeUInt8(0xcf, this.pos));
      else throw new MsgpackError(`${big} does not fit in 64 bits`);
    } else {
      if (big >= -32n) this.buf[this.pos++] = Number(big) + 0x100;
      else if (big >= -0x80n) this.pos = this.buf.writeInt8(Number(big), this.buf.writeUInt8(0xd0, this.pos));
      else if (big >= -0x8000n)
        this.pos = this.buf.writeInt16BE(Number(big), this.buf.writeUInt8(0xd1, this.pos));
      else if (big >= -0x80000000n)
        this.pos = this.buf.writeInt32BE(Number(big), this.buf.writeUInt8(0xd2, this.pos));
      else if (big >= -0x8000000000000000n)
        this.pos = this.buf.writeBigInt64BE(big, this.buf.writeUInt8(0xd3, this.pos));
      else throw new MsgpackError(`${big} does not fit in 64 bits`);
    }
  }

  float(v: number): void {
    this.ensure(9);
    this.buf[this.pos++] = 0xcb;
    this.pos = this.buf.writeDoubleBE(v, this.pos);
  }

  str(v: string): void {
    // Written in place: no intermediate Buffer per string.
    const n = Buffer.byteLength(v, 'utf8');
    this.ensure(5 + n);
    if (n <= 31) this.buf[this.pos++] = 0xa0 | n;
    else if (n <= 0xff) this.pos = this.buf.writeUInt8(n, this.buf.writeUInt8(0xd9, this.pos));
    else if (n <= 0xffff) this.pos = this.buf.writeUInt16BE(n, this.buf.writeUInt8(0xda, this.pos));
    else this.pos = this.buf.writeUInt32BE(n, this.buf.writeUInt8(0xdb, this.pos));
    this.pos += this.buf.write(v, this.pos, n, 'utf8');
  }

  bin(v: Uint8Array): void {
    const n = v.length;
    this.ensure(5);
    if (n <= 0xff) this.pos = this.buf.writeUInt8(n, this.buf.writeUInt8(0xc4, this.pos));
    else if (n <= 0xffff) this.pos = this.buf.writeUInt16BE(n, this.buf.writeUInt8(0xc5, this.pos));
    else this.pos = this.buf.writeUInt32BE(n, this.buf.writeUInt8(0xc6, this.pos));
    this.raw(v);
  }

  arrayHeader(n: number): void {
    this.ensure(5);
    if (n <= 15) this.buf[this.pos++] = 0x90 | n;
    else if (n <= 0xffff) this.pos = this.buf.writeUInt16BE(n, this.buf.writeUInt8(0xdc, this.pos));
    else this.pos = this.buf.writeUInt32BE(n, this.buf.writeUInt8(0xdd, this.pos));
  }

  mapHeader(n: number): void {
    this.ensure(5);
    if (n <= 15) this.buf[this.pos++] = 0x80 | n;
    else if (n <= 0xffff) this.pos = this.buf.writeUInt16BE(n, this.buf.writeUInt8(0xde, this.pos));
    else this.pos = this.buf.writeUInt32BE(n, this.buf.writeUInt8(0xdf, this.pos));
  }

  ext(type: number, data: Uint8Array): void {
    const n = data.length;
    this.ensure(6);
    const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
    const code = fixed[n];
    if (code !== undefined) this.buf[this.pos++] = code;
    else if (n <= 0xff) this.pos = this.buf.writeUInt8(n, this.buf.writeUInt8(0xc7, this.pos));
    else if (n <= 0xffff) this.pos = this.buf.writeUInt16BE(n, this.buf.writeUInt8(0xc8, this.pos));
    else this.pos = this.buf.writeUInt32BE(n, this.buf.writeUInt8(0xc9, this.pos));
    this.pos = this.buf.writeInt8(type, this.pos);
    this.raw(data);
  }

  finish(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.pos));
  }
}
