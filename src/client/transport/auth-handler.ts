import type { HandlerWrapper } from './types';

/**
 * Adds `Authorization: Bearer <key>`. The key lives only in this closure, so it cannot surface through the
 * client's properties, `inspect()` or a serialized request.
 */
export function authHandler(apiKey: string): HandlerWrapper {
  const authorization = `Bearer ${apiKey}`;
  return (next) => (request) => {
    request.headers.authorization = authorization;
    return next(request);
  };
}
