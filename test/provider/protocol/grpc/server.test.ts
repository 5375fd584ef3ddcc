/**
 * The node:http2 gRPC server seen from a raw HTTP/2 client: the bytes, headers and trailers on the wire,
 * not what a gRPC library makes of them (plugin-server.test.ts covers that, through grpc-js).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

import { generateServerCertificate } from '../../../../src/provider/protocol/certificate';
import { GrpcCallError } from '../../../../src/provider/protocol/grpc/errors';
import { frameMessage } from '../../../../src/provider/protocol/grpc/frame';
import type { GrpcRoute, GrpcServer, GrpcTls } from '../../../../src/provider/protocol/grpc/server';
import { startGrpcServer } from '../../../../src/provider/protocol/grpc/server';
import { GrpcStatus } from '../../../../src/provider/protocol/grpc/status';
import { createLogger } from '../../../../src/provider/protocol/logger';

interface Reply {
  headers: http2.IncomingHttpHeaders;
  data: Buffer;
  trailers: http2.IncomingHttpHeaders | undefined;
}

let dir: string;
let server: GrpcServer | undefined;
let client: http2.ClientHttp2Session | undefined;
const logged: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'grpc-server-test-'));
  logged.length = 0;
});
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server?.close(100);
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(routes: Record<string, GrpcRoute>, serverTls?: GrpcTls): Promise<GrpcServer> {
  server = await startGrpcServer({
    routes: new Map(Object.entries(routes)),
    listen: { socketPath: path.join(dir, 'grpc.sock') },
    logger: createLogger({ level: 'trace', write: (line) => logged.push(line) }),
    ...(serverTls ? { tls: serverTls } : {}),
  });
  return server;
}

function connect(target: GrpcServer): http2.ClientHttp2Session {
  client = http2.connect('http://localhost', { createConnection: () => net.connect(target.address) });
  client.on('error', () => undefined);
  return client;
}

function call(
  session: http2.ClientHttp2Session,
  path: string,
  body: Buffer,
  headers: http2.OutgoingHttpHeaders = {},
): { stream: http2.ClientHttp2Stream; reply: Promise<Reply> } {
  const stream = session.request({
    ':method': 'POST',
    ':path': path,
    'content-type': 'application/grpc',
    te: 'trailers',
    ...headers,
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    let responseHeaders: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders | undefined;
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ headers: responseHeaders, data: Buffer.concat(chunks), trailers }));
    stream.on('error', reject);
  });
  stream.end(body);
  return { stream, reply };
}

const echo: GrpcRoute = { kind: 'unary', handle: async (request) => Buffer.concat([request, request]) };

describe('gRPC server on node:http2', () => {
  it('answers a unary call with one framed message and grpc-status 0 in the trailers', async () => {
    const session = connect(await start({ '/t.S/Echo': echo }));
    const { reply } = call(session, '/t.S/Echo', frameMessage(Buffer.from('ab')));
    const { headers, data, trailers } = await reply;
    expect(headers[':status']).toBe(200);
    expect(headers['content-type']).toBe('application/grpc');
    expect(headers['grpc-status']).toBeUndefined();
    expect([...data]).toEqual([...frameMessage(Buffer.from('abab'))]);
    expect(trailers?.['grpc-status']).toBe('0');
  });

  it('answers an unknown method UNIMPLEMENTED in a trailers-only response', async () => {
    const session = connect(await start({}));
    const { headers, data, trailers } = await call(session, '/t.S/Nope', frameMessage(Buffer.alloc(0))).reply;
    expect(headers[':status']).toBe(200);
    expect(headers['grpc-status']).toBe(String(GrpcStatus.UNIMPLEMENTED));
    expect(headers['grpc-message']).toBe('unknown method /t.S/Nope');
    expect(data.length).toBe(0);
    expect(trailers).toBeUndefined();
  });

  it("carries a handler's GrpcCallError status, with a percent-encoded message", async () => {
    const session = connect(
      await start({
        '/t.S/Refuse': {
          kind: 'unary',
          handle: async () => {
            throw new GrpcCallError(GrpcStatus.INVALID_ARGUMENT, 'bad value: 100% née');
          },
        },
      }),
    );
    const { headers } = await call(session, '/t.S/Refuse', frameMessage(Buffer.alloc(0))).reply;
    expect(headers['grpc-status']).toBe(String(GrpcStatus.INVALID_ARGUMENT));
    expect(headers['grpc-message']).toBe('bad value: 100%25 n%C3%A9e');
  });

  it('answers UNKNOWN for any other failure, keeping its text in the log only', async () => {
    const session = connect(
      await start({
        '/t.S/Throw': {
          kind: 'unary',
          handle: async () => {
            throw new Error('token=secret-ish detail');
          },
        },
      }),
    );
    const { headers } = await call(session, '/t.S/Throw', frameMessage(Buffer.alloc(0))).reply;
    expect(headers['grpc-status']).toBe(String(GrpcStatus.UNKNOWN));
    expect(headers['grpc-message']).toBe('the provider failed to answer');
    expect(logged.join('')).toContain('token=secret-ish detail');
  });

  it('refuses broken framing as INTERNAL without calling the handler', async () => {
    let calls = 0;
    const session = connect(
      await start({
        '/t.S/Count': {
          kind: 'unary',
          handle: async () => {
            calls++;
            return new Uint8Array(0);
          },
        },
      }),
    );
    const cases: [Buffer, RegExp][] = [
      [
        Buffer.concat([frameMessage(Buffer.from('a')), frameMessage(Buffer.from('b'))]),
        /one request message, got 2/,
      ],
      [Buffer.alloc(0), /one request message, got 0/],
      [frameMessage(Buffer.from('abc')).subarray(0, 6), /middle of a message/],
      [Buffer.from([1, 0, 0, 0, 1, 9]), /compressed message/],
    ];
    for (const [body, message] of cases) {
      const { headers } = await call(session, '/t.S/Count', body).reply;
      expect(headers['grpc-status']).toBe(String(GrpcStatus.INTERNAL));
      expect(String(headers['grpc-message'])).toMatch(message);
    }
    const { headers } = await call(session, '/t.S/Count', frameMessage(Buffer.alloc(0)), {
      'grpc-encoding': 'gzip',
    }).reply;
    expect(headers['grpc-status']).toBe(String(GrpcStatus.UNIMPLEMENTED));
    expect(calls).toBe(0);
  });

  it('answers a request that is not gRPC in plain HTTP', async () => {
    const session = connect(await start({ '/t.S/Echo': echo }));
    const { headers } = await call(session, '/t.S/Echo', Buffer.from('{}'), {
      'content-type': 'application/json',
    }).reply;
    expect(headers[':status']).toBe(415);
  });

  it('ends a call past its grpc-timeout with DEADLINE_EXCEEDED and aborts its signal', async () => {
    let reason: unknown;
    const session = connect(
      await start({
        '/t.S/Slow': {
          kind: 'unary',
          handle: (_request, { signal }) =>
            new Promise((resolve) =>
              signal.addEventListener('abort', () => {
                reason = signal.reason;
                resolve(new Uint8Array(0));
              }),
            ),
        },
      }),
    );
    const { headers } = await call(session, '/t.S/Slow', frameMessage(Buffer.alloc(0)), {
      'grpc-timeout': '50m',
    }).reply;
    expect(headers['grpc-status']).toBe(String(GrpcStatus.DEADLINE_EXCEEDED));
    expect(reason).toMatchObject({ code: 'grpc_call_failed', status: GrpcStatus.DEADLINE_EXCEEDED });
  });

  it('aborts the signal of a call whose stream the client resets', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const aborted = new Promise<unknown>((resolve) => {
      void start({
        '/t.S/Hang': {
          kind: 'unary',
          handle: (_request, { signal }) => {
            started();
            return new Promise(() => signal.addEventListener('abort', () => resolve(signal.reason)));
          },
        },
      }).then((s) => {
        const { stream } = call(connect(s), '/t.S/Hang', frameMessage(Buffer.alloc(0)));
        stream.on('error', () => undefined);
        void running.then(() => stream.close(http2.constants.NGHTTP2_CANCEL));
      });
    });
    await expect(aborted).resolves.toMatchObject({ status: GrpcStatus.CANCELLED });
  });

  it('holds streams open past the client half-closing, and ends them with OK at close', async () => {
    const s = await start({
      '/t.S/Held': { kind: 'held', endWithClient: false },
      '/t.S/Echoing': { kind: 'held', endWithClient: true },
    });
    const session = connect(s);
    const held = call(session, '/t.S/Held', frameMessage(Buffer.alloc(0)));
    const withClient = call(session, '/t.S/Echoing', frameMessage(Buffer.alloc(0)));
    await expect(withClient.reply).resolves.toMatchObject({ headers: { 'grpc-status': '0' } });
    let heldEnded = false;
    void held.reply.then(() => (heldEnded = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heldEnded).toBe(false);

    const started = Date.now();
    await s.close(1000);
    server = undefined;
    expect(Date.now() - started).toBeLessThan(500);
    await expect(held.reply).resolves.toMatchObject({ headers: { 'grpc-status': '0' } });
  });

  it('cuts a call still running after the grace period and aborts it', async () => {
    let signal!: AbortSignal;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const s = await start({
      '/t.S/Hang': {
        kind: 'unary',
        handle: (_request, context) => {
          signal = context.signal;
          started();
          return new Promise(() => undefined);
        },
      },
    });
    const { reply } = call(connect(s), '/t.S/Hang', frameMessage(Buffer.alloc(0)));
    reply.catch(() => undefined);
    await running;
    await s.close(50);
    server = undefined;
    expect(signal.aborted).toBe(true);
  });

  describe('with mutual TLS', () => {
    const serverCertificate = generateServerCertificate();
    const clientCertificate = generateServerCertificate();
    const serverTls: GrpcTls = {
      certificatePem: serverCertificate.certificatePem,
      privateKeyPem: serverCertificate.privateKeyPem,
      clientCaPem: clientCertificate.certificatePem,
    };

    function connectTls(
      s: GrpcServer,
      identity: { certificatePem: string; privateKeyPem: string } | undefined,
    ): http2.ClientHttp2Session {
      client = http2.connect('https://localhost', {
        createConnection: () =>
          tls.connect({
            path: s.address,
            servername: 'localhost',
            ALPNProtocols: ['h2'],
            ca: serverCertificate.certificatePem,
            ...(identity ? { cert: identity.certificatePem, key: identity.privateKeyPem } : {}),
          }),
      });
      client.on('error', () => undefined);
      return client;
    }

    it('serves a client presenting the certificate Terraform announced', async () => {
      const session = connectTls(await start({ '/t.S/Echo': echo }, serverTls), clientCertificate);
      const { trailers, data } = await call(session, '/t.S/Echo', frameMessage(Buffer.from('x'))).reply;
      expect(trailers?.['grpc-status']).toBe('0');
      expect(data.subarray(5).toString()).toBe('xx');
    });

    it('refuses a client with no certificate, or another one', async () => {
      const s = await start({ '/t.S/Echo': echo }, serverTls);
      for (const identity of [undefined, generateServerCertificate()]) {
        logged.length = 0;
        const session = connectTls(s, identity);
        // The TLS handshake fails, so the call never gets a response: it errors or ends with no headers.
        const status = await call(session, '/t.S/Echo', frameMessage(Buffer.from('x'))).reply.then(
          (reply) => reply.headers[':status'],
          () => 'refused',
        );
        expect(status).not.toBe(200);
        expect(logged.join('')).toContain('TLS handshake refused');
        session.destroy();
      }
    });
  });
});
