import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { newId } from '../ids';
import type { RequestContext } from './context';
import { composeStages, type Stage } from './pipeline';

/** How long close() lets in-flight requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 2000;

/** An HTTP server that runs every request through the given stages. */
export function createPipelineServer(stages: readonly Stage[]): Server {
  const handle = composeStages(stages);
  return createServer((req, res) => {
    const ctx = createContext(req, res);
    handle(ctx).catch(() => {
      // The stages answer every error themselves; this only fires when the socket died mid-reply.
      if (!res.headersSent) res.destroy();
    });
  });
}

function createContext(req: IncomingMessage, res: ServerResponse): RequestContext {
  return {
    req,
    res,
    url: parseTarget(req.url ?? '/'),
    startedAt: process.hrtime.bigint(),
    requestId: newId('request'),
  };
}

/** Only the path and query of the request target count; a Host header never decides what is served. */
function parseTarget(target: string): URL {
  const base = 'http://cloud.invalid';
  try {
    return target.startsWith('/') ? new URL(`${base}${target}`) : new URL(new URL(target).pathname, base);
  } catch {
    return new URL('/', base);
  }
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the server did not report a TCP address'));
        return;
      }
      resolve(address.port);
    });
  });
}

/**
 * Stops accepting connections, closes idle keep-alive ones at once (otherwise close() would wait out
 * their keep-alive timeout), lets requests in flight finish, and cuts whatever is left after a grace period.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const cutoff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    cutoff.unref();
    server.close((error) => {
      clearTimeout(cutoff);
      if (error !== undefined) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
