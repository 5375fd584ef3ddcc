/**
 * Errors of the protocol layer. Each has a stable `code` so callers (and tests) branch on the code, never on
 * the message text.
 */
export abstract class ProtocolError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bytes that are not a valid protobuf encoding of the expected message. */
export class WireDecodeError extends ProtocolError {
  readonly code = 'wire_decode_failed';
}

/** A value that the protobuf encoding of its field cannot carry (e.g. a fractional int64). */
export class WireEncodeError extends ProtocolError {
  readonly code = 'wire_encode_failed';
}
