import type { Stage } from '../pipeline';

/**
 * One line per request once it is answered: time, request id, method, path, status, duration.
 * Deliberately no headers, no query string and no bodies, so no credential or secret can reach the log.
 */
export function accessLog(log: (line: string) => void): Stage {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - ctx.startedAt) / 1e6;
      // A connection dropped before answering (a client gone, an injected drop) has no status to report.
      const status = ctx.res.headersSent ? String(ctx.res.statusCode) : 'unanswered';
      log(
        `${new Date().toISOString()} ${ctx.requestId} ${ctx.req.method ?? '-'} ${ctx.url.pathname} ` +
          `${status} ${ms.toFixed(1)}ms`,
      );
    }
  };
}
