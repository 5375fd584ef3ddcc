/**
 * gRPC's length-prefixed message framing on an HTTP/2 stream: one byte "compressed" flag, four bytes
 * big-endian length, then the message. HTTP/2 DATA frames split and join these at will, so the reader
 * accumulates chunks and cuts whole messages out of them.
 */
import { GrpcFramingError } from './errors';

export const FRAME_HEADER_BYTES = 5;

const EMPTY = Buffer.alloc(0);

/** One whole gRPC message framed for the wire, prefix and payload in one buffer (one write, one DATA frame). */
export function frameMessage(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(FRAME_HEADER_BYTES + message.byteLength);
  framed[0] = 0;
  framed.writeUInt32BE(message.byteLength, 1);
  framed.set(message, FRAME_HEADER_BYTES);
  return framed;
}

/**
 * Cuts messages out of a byte stream. A compressed message is refused: we never announce an encoding in
 * `grpc-accept-encoding`, so a conforming client never compresses.
 */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Adds a chunk and returns every message it completed, in order. */
  push(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    const messages: Buffer[] = [];
    while (this.pendingBytes >= FRAME_HEADER_BYTES) {
      const head = this.peek(FRAME_HEADER_BYTES);
      const flag = head[0];
      if (flag !== 0) {
        throw new GrpcFramingError(
          flag === 1
            ? 'received a compressed message, but no message encoding was negotiated'
            : `invalid message flag ${String(flag)}`,
        );
      }
      const length = head.readUInt32BE(1);
      if (this.pendingBytes < FRAME_HEADER_BYTES + length) break;
      this.take(FRAME_HEADER_BYTES);
      messages.push(this.take(length));
    }
    return messages;
  }

  /** True when the stream ended in the middle of a message. */
  get hasPartialMessage(): boolean {
    return this.pendingBytes > 0;
  }

  private peek(bytes: number): Buffer {
    const first = this.pending[0]!;
    if (first.byteLength >= bytes) return first;
    this.pending = [Buffer.concat(this.pending)];
    return this.pending[0]!;
  }

  private take(bytes: number): Buffer {
    if (bytes === 0) return EMPTY;
    const joined = this.peek(bytes);
    const taken = joined.subarray(0, bytes);
    const rest = joined.subarray(bytes);
    if (rest.byteLength > 0) this.pending[0] = rest;
    else this.pending.shift();
    this.pendingBytes -= bytes;
    return taken;
  }
}
