/**
 * Errors of the gRPC transport. They never reach Terraform as exceptions: the server turns each into the
 * call's `grpc-status` and `grpc-message`.
 */
import { ProtocolError } from '../errors';
import type { GrpcStatus } from './status';
import { GrpcStatus as Status } from './status';

/** A call ends with this status; `status` is what the trailers carry. */
export class GrpcCallError extends ProtocolError {
  readonly code: string = 'grpc_call_failed';

  constructor(
    readonly status: GrpcStatus,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The request broke gRPC's framing or header rules; the call ends INTERNAL. */
export class GrpcFramingError extends GrpcCallError {
  override readonly code = 'grpc_framing_invalid';

  constructor(message: string) {
    super(Status.INTERNAL, message);
  }
}
