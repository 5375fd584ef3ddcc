import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { InvalidRequestError } from '../errors';
import { newId } from '../ids';
import type { RequestContext } from './context';
import { composeStages, type Stage } from './pipeline';

/** How long close() lets in-flight requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 2000;

export type Server = HttpServer | HttpsServer;

/**
 * Open connections the server holds at once; one more is closed as soon as it is accepted. Each idle
 * keep-alive connection costs a socket and memory, and without a cap one client could hold every file
 * descriptor the process has. 256 is far above what the tests, the provider and lyctl open together.
 */
export const DEFAULT_MAX_CONNECTIONS = 256;

export interface PipelineServerOptions {
  /** Serve HTTPS with this certificate and private key (PEM); plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Receives a line for each request the HTTP parser refused before the stages could see it. */
  readonly log?: (line: string) => void;
  /** @default DEFAULT_MAX_CONNECTIONS */
  readonly maxConnections?: number;
}

/** An HTTP(S) server that runs every request through the given stages. */
export function createPipelineServer(stages: readonly Stage[], options: PipelineServerOptions = {}): Server {
  const handle = composeStages(stages);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const ctx = createContext(req, res);
    handle(ctx).catch(() => {
      // The stages answer every error themselves; this only fires when the socket died mid-reply.
      if (!res.headersSent) res.destroy();
    });
  };
  const server: Server =
    options.tls === undefined
      ? createServer(onRequest)
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest);
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const log = options.log ?? (() => undefined);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, log),
  );
  return server;
}

/**
 * Node answers what its HTTP parser refuses (a 64 KiB path, raw non-ASCII bytes in the request line, a
 * malformed header) with a bare 400 or 431 and no body. The contract promises the error envelope and a
 * request id on every answer, so these get them too.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, log: (line: string) => void): void {
  // Writing raw bytes is only safe before any response has started on this connection (what Node checks too).
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const requestId = newId('request');
  const refusal = new InvalidRequestError(
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'The request line and headers are larger than the server accepts (16 KiB).'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'The request was not received in time.'
        : 'The request is not valid HTTP/1.1 (a path must be percent-encoded ASCII).',
  );
  const body = JSON.stringify({
    error: { code: refusal.code, message: refusal.message },
    request_id: requestId,
  });
  socket.end(
    [
      `HTTP/1.1 ${refusal.status} Bad Request`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
  log(
    `${new Date().toISOString()} ${requestId} - - ${refusal.status} refused by the HTTP parser (${error.code ?? 'unknown'})`,
  );
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
