import { decodeGrpcMessage, encodeGrpcMessage } from '../../../../src/provider/protocol/grpc/status';

describe('grpc-message encoding', () => {
  it('percent-encodes %, control characters and every non-ASCII byte, and nothing else', () => {
    expect(encodeGrpcMessage('plain text: ok!')).toBe('plain text: ok!');
    expect(encodeGrpcMessage('100% done\n')).toBe('100%25 done%0A');
    expect(encodeGrpcMessage('clé')).toBe('cl%C3%A9');
  });

  it('decodes what it encodes, and keeps a malformed escape as it is', () => {
    for (const text of ['100% done\n', 'clé ✓', ''])
      expect(decodeGrpcMessage(encodeGrpcMessage(text))).toBe(text);
    expect(decodeGrpcMessage('50%zz')).toBe('50%zz');
  });
});
