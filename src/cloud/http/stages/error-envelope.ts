import { ApiError, ServerError } from '../../errors';
import type { Reply } from '../context';
import type { Stage } from '../pipeline';

/**
 * Turns anything thrown by the inner stages into the contract's error envelope. An unexpected error is
 * logged with its request id and answered as a bare 500, so internals never reach the client.
 */
export function errorEnvelope(log: (line: string) => void): Stage {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.reply === undefined)
        throw new Error(`no stage replied to ${ctx.req.method} ${ctx.url.pathname}`);
    } catch (thrown) {
      let error: ApiError;
      if (thrown instanceof ApiError) {
        error = thrown;
      } else {
        error = new ServerError();
        const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
        log(`${new Date().toISOString()} ${ctx.requestId} unexpected error: ${detail}`);
      }
      ctx.reply = errorReply(error, ctx.requestId);
    }
  };
}

/** The contract's error envelope for an ApiError, as answered to the request `requestId`. */
export function errorReply(error: ApiError, requestId: string): Reply {
  return {
    status: error.status,
    headers: error.headers,
    body: {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
      request_id: requestId,
    },
  };
}
