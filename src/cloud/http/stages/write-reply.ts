import type { Stage } from '../pipeline';

/** Writes `ctx.reply` as JSON once every inner stage has run (or an error became the reply). */
export const writeReply: Stage = async (ctx, next) => {
  await next();
  const { res, req } = ctx;
  const reply = ctx.reply;
  // The error-envelope stage inside this one guarantees a reply; without one the server drops the socket.
  if (reply === undefined) throw new Error('the pipeline produced no reply');
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  // A body we did not read (refused early) would be taken for the next request on this connection.
  if (!req.complete) res.setHeader('Connection', 'close');
  res.setHeader('Cache-Control', 'no-store');
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
  });
  res.end(payload);
};
