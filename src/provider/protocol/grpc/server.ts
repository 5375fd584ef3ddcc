/**
 * A gRPC server on `node:http2`, just big enough for go-plugin: unary calls on raw message bytes, and
 * streams that are accepted and held open. It replaces @grpc/grpc-js, whose loading alone cost about 70 ms
 * of every provider start (terraform-plugin-notes) and whose per-call machinery was the largest item in a
 * 200-resource plan's profile (docs/performance.md).
 *
 * What it honours of gRPC over HTTP/2: the 5-byte message framing, `grpc-status`/`grpc-message` trailers
 * (trailers-only responses for failures before any answer), `grpc-timeout`, and cancellation: a stream the
 * client resets, or a connection that drops, aborts the call's signal.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

import type { Logger } from '../logger';
import { GrpcCallError, GrpcFramingError } from './errors';
import { FrameReader, frameMessage } from './frame';
import { encodeGrpcMessage, GrpcStatus } from './status';
import { parseGrpcTimeout } from './timeout';

export interface GrpcCallContext {
  /** Aborts when the client cancels the call, its deadline passes, or the connection drops. */
  readonly signal: AbortSignal;
  /**
   * Aborts `signal` from the service's side (StopProvider cancelling the calls in flight); the call still
   * answers with whatever its handler returns. One signal per call: a second AbortController joined to this
   * one cost ~30 µs per call, a tenth of a small call's CPU (docs/performance.md).
   */
  abort(reason: unknown): void;
}

/** Answers one request message with one response message; a rejection becomes the call's status. */
export type UnaryHandler = (request: Buffer, context: GrpcCallContext) => Promise<Uint8Array>;

export type GrpcRoute =
  | { readonly kind: 'unary'; readonly handle: UnaryHandler }
  /**
   * Accepted and held open, whatever the client sends drained; ended with OK at close, or when the client
   * half-closes if `endWithClient` (a server-streaming client half-closes right after its one request).
   */
  | { readonly kind: 'held'; readonly endWithClient: boolean };

export type Listen = { readonly socketPath: string } | { readonly tcpHost: '127.0.0.1' };

export interface GrpcTls {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** The only CA a client certificate is verified against; a client without a valid one is refused. */
  readonly clientCaPem: string;
}

export interface GrpcServerOptions {
  /** Keyed by path: `/<package>.<Service>/<Method>`. */
  readonly routes: ReadonlyMap<string, GrpcRoute>;
  readonly listen: Listen;
  /** Absent: plaintext (h2c). */
  readonly tls?: GrpcTls;
  readonly logger: Logger;
}

export interface GrpcServer {
  readonly network: 'unix' | 'tcp';
  /** Socket path, or `127.0.0.1:<port>`. */
  readonly address: string;
  /**
   * Ends held streams with OK, stops accepting connections, lets calls in flight finish for `graceMs`, then
   * cuts the connections (which aborts those calls' signals). Resolves once every connection is closed.
   */
  close(graceMs: number): Promise<void>;
}

const GRPC_CONTENT_TYPE = 'application/grpc';

/**
 * Terraform lifts gRPC's 4 MiB message limit in both directions, so a large state arrives whole; Node's
 * default of 10 MB of buffered data per session would reset such a call.
 */
const MAX_SESSION_MEMORY_MB = 1024;

export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const { logger, tls } = options;
  const settings = { maxSessionMemory: MAX_SESSION_MEMORY_MB };
  const server = tls
    ? http2.createSecureServer({
        ...settings,
        key: tls.privateKeyPem,
        cert: tls.certificatePem,
        ca: tls.clientCaPem,
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      })
    : http2.createServer(settings);

  const sessions = new Set<http2.ServerHttp2Session>();
  const held = new Set<http2.ServerHttp2Stream>();

  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    // A peer that vanishes mid-call is routine (Terraform killed, Ctrl-C); its streams see 'close'.
    session.on('error', (error) => logger.debug('gRPC connection error', { error: error.message }));
  });
  server.on('tlsClientError', (error) => logger.debug('TLS handshake refused', { error: error.message }));

  server.on('stream', (stream, headers) => {
    stream.on('error', (error) => logger.trace('gRPC stream error', { error: error.message }));
    const path = headers[':path'] ?? '';
    const contentType = String(headers['content-type'] ?? '');
    if (headers[':method'] !== 'POST' || !contentType.startsWith(GRPC_CONTENT_TYPE)) {
      // Not gRPC at all: the spec answers in plain HTTP.
      respondHttpError(stream, headers[':method'] !== 'POST' ? 405 : 415);
      return;
    }
    const encoding = headers['grpc-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      finishWithStatus(
        stream,
        GrpcStatus.UNIMPLEMENTED,
        `message encoding ${String(encoding)} is not supported`,
      );
      return;
    }
    const route = options.routes.get(path);
    if (route === undefined) {
      finishWithStatus(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      return;
    }
    if (route.kind === 'held') {
      hold(stream, route.endWithClient);
      return;
    }
    let timeoutMs: number | undefined;
    try {
      timeoutMs = parseGrpcTimeout(headers['grpc-timeout'] as string | undefined);
    } catch (error) {
      finishWithError(stream, error, logger);
      return;
    }
    serveUnary(stream, route.handle, path, timeoutMs, logger);
  });

  const hold = (stream: http2.ServerHttp2Stream, endWithClient: boolean): void => {
    held.add(stream);
    stream.on('close', () => held.delete(stream));
    // Drained so that flow control never stalls the connection the provider's calls share.
    stream.on('data', () => undefined);
    if (!endWithClient) return;
    stream.on('end', () => {
      held.delete(stream);
      finishWithStatus(stream, GrpcStatus.OK);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = (): void => {
      server.off('error', reject);
      resolve();
    };
    if ('socketPath' in options.listen) server.listen(options.listen.socketPath, listening);
    else server.listen(0, options.listen.tcpHost, listening);
  });

  let closing: Promise<void> | undefined;
  const close = (graceMs: number): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const stream of held) finishWithStatus(stream, GrpcStatus.OK);
      held.clear();
      const force = setTimeout(() => {
        if (sessions.size > 0) logger.debug('calls still in flight at shutdown; closing connections');
        for (const session of sessions) session.destroy();
      }, graceMs);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      // GOAWAY: no new calls; the session closes itself once its open streams are done.
      for (const session of sessions) session.close();
    });
    return closing;
  };

  if ('socketPath' in options.listen) return { network: 'unix', address: options.listen.socketPath, close };
  const { port } = server.address() as AddressInfo;
  return { network: 'tcp', address: `${options.listen.tcpHost}:${port}`, close };
}

function serveUnary(
  stream: http2.ServerHttp2Stream,
  handle: UnaryHandler,
  path: string,
  timeoutMs: number | undefined,
  logger: Logger,
): void {
  const controller = new AbortController();
  let answered = false;
  const deadline =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          controller.abort(new GrpcCallError(GrpcStatus.DEADLINE_EXCEEDED, `${path}: deadline exceeded`));
          answer(() => finishWithStatus(stream, GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded'));
        }, timeoutMs);
  const answer = (send: () => void): void => {
    if (answered) return;
    answered = true;
    if (deadline !== undefined) clearTimeout(deadline);
    send();
  };
  // A stream that closes before we answered was reset by the client (cancelled) or lost with its connection.
  stream.on('close', () => {
    if (deadline !== undefined) clearTimeout(deadline);
    if (!answered) {
      answered = true;
      controller.abort(new GrpcCallError(GrpcStatus.CANCELLED, `${path} was cancelled by the client`));
    }
  });

  const reader = new FrameReader();
  const messages: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => {
    try {
      for (const message of reader.push(chunk)) messages.push(message);
    } catch (error) {
      answer(() => finishWithError(stream, error, logger));
    }
  });
  stream.on('end', () => {
    if (answered) return;
    const [request] = messages;
    if (messages.length !== 1 || request === undefined || reader.hasPartialMessage) {
      const problem = reader.hasPartialMessage
        ? 'the request ended in the middle of a message'
        : `a unary call takes one request message, got ${messages.length}`;
      answer(() => finishWithError(stream, new GrpcFramingError(problem), logger));
      return;
    }
    const abort = (reason: unknown): void => controller.abort(reason);
    handle(request, { signal: controller.signal, abort }).then(
      (response) => answer(() => respondMessage(stream, response)),
      (error: unknown) => answer(() => finishWithError(stream, error, logger)),
    );
  });
}

function respondMessage(stream: http2.ServerHttp2Stream, message: Uint8Array): void {
  if (stream.destroyed || stream.closed) return;
  stream.respond({ ':status': 200, 'content-type': GRPC_CONTENT_TYPE }, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GrpcStatus.OK) }));
  stream.end(frameMessage(message));
}

function finishWithError(stream: http2.ServerHttp2Stream, error: unknown, logger: Logger): void {
  if (error instanceof GrpcCallError) {
    finishWithStatus(stream, error.status, error.message);
    return;
  }
  // Handlers report their own failures in-band; reaching here is a bug, so keep the detail in the log.
  logger.error('gRPC handler failed', {
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  finishWithStatus(stream, GrpcStatus.UNKNOWN, 'the provider failed to answer');
}

/**
 * Ends a call with only a status: a trailers-only response (one HEADERS frame). Every call answers exactly
 * once, so headers were never sent before.
 */
function finishWithStatus(stream: http2.ServerHttp2Stream, status: GrpcStatus, message?: string): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  const trailers: http2.OutgoingHttpHeaders = { 'grpc-status': String(status) };
  if (message !== undefined) trailers['grpc-message'] = encodeGrpcMessage(message);
  stream.respond({ ':status': 200, 'content-type': GRPC_CONTENT_TYPE, ...trailers }, { endStream: true });
}

function respondHttpError(stream: http2.ServerHttp2Stream, status: number): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  stream.respond({ ':status': status }, { endStream: true });
}
