import { FrameReader, frameMessage } from '../../../../src/provider/protocol/grpc/frame';
import { GrpcFramingError } from '../../../../src/provider/protocol/grpc/errors';
import { GrpcStatus } from '../../../../src/provider/protocol/grpc/status';

describe('gRPC message framing', () => {
  it('prefixes a message with a zero flag and its big-endian length', () => {
    expect([...frameMessage(new Uint8Array([7, 8, 9]))]).toEqual([0, 0, 0, 0, 3, 7, 8, 9]);
    expect([...frameMessage(new Uint8Array(0))]).toEqual([0, 0, 0, 0, 0]);
  });

  it('cuts messages out of chunks split and joined anywhere, including empty messages', () => {
    const wire = Buffer.concat([
      frameMessage(new Uint8Array([1, 2, 3])),
      frameMessage(new Uint8Array(0)),
      frameMessage(new Uint8Array(300).fill(5)),
    ]);
    for (const size of [1, 2, 4, 5, 6, 7, wire.length]) {
      const reader = new FrameReader();
      const messages: Buffer[] = [];
      for (let offset = 0; offset < wire.length; offset += size) {
        messages.push(...reader.push(wire.subarray(offset, offset + size)));
      }
      expect(messages.map((m) => m.length)).toEqual([3, 0, 300]);
      expect([...messages[0]!]).toEqual([1, 2, 3]);
      expect(messages[2]!.every((byte) => byte === 5)).toBe(true);
      expect(reader.hasPartialMessage).toBe(false);
    }
  });

  it('knows when the stream stopped in the middle of a message', () => {
    const reader = new FrameReader();
    expect(reader.push(frameMessage(new Uint8Array([1, 2, 3])).subarray(0, 6))).toEqual([]);
    expect(reader.hasPartialMessage).toBe(true);
  });

  it('refuses a compressed message (no encoding is ever negotiated) as INTERNAL', () => {
    const reader = new FrameReader();
    const compressed = Buffer.from([1, 0, 0, 0, 1, 42]);
    expect(() => reader.push(compressed)).toThrow(GrpcFramingError);
    try {
      new FrameReader().push(compressed);
    } catch (error) {
      expect(error).toMatchObject({ code: 'grpc_framing_invalid', status: GrpcStatus.INTERNAL });
    }
    expect(() => new FrameReader().push(Buffer.from([2, 0, 0, 0, 0]))).toThrow(/invalid message flag 2/);
  });
});
