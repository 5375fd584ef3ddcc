import type { CloudClock } from '../clock';
import { isApiPath } from '../http/paths';
import type { Stage } from '../http/pipeline';
import type { RequestLog } from './request-log';

/**
 * Records every `/v1` request in the request log once it is over: answered, refused, faulted or dropped.
 * Control requests are left out, so reading the log does not change it. Only ids and figures are kept:
 * never headers, bodies or the query string.
 */
export function recordRequests(requestLog: RequestLog, clock: CloudClock): Stage {
  return async (ctx, next) => {
    const { pathname } = ctx.url;
    if (!isApiPath(pathname)) return next();
    const startedAt = clock.nowIso();
    try {
      await next();
    } finally {
      const answered = ctx.res.headersSent;
      requestLog.record({
        request_id: ctx.requestId,
        method: ctx.req.method ?? '',
        path: pathname,
        status: answered ? ctx.res.statusCode : null,
        api_key_id: ctx.principal?.apiKeyId ?? null,
        fault: ctx.injectedFault ?? null,
        started_at: startedAt,
        duration_ms: Number(process.hrtime.bigint() - ctx.startedAt) / 1e6,
      });
    }
  };
}
