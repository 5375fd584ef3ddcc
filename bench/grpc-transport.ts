/**
 * The gRPC transport per call: sequential unary calls of a 300-byte message over mutual TLS on a unix
 * socket, from an HTTP/2 client in another process to the provider's gRPC server (src/provider/protocol/grpc),
 * the way Terraform calls it; and the same against @grpc/grpc-js, the server used before. Prints wall time
 * per call and the server process's CPU time per call (measured after a warm-up).
 *
 *   node --import tsx bench/grpc-transport.ts [calls]
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { generateServerCertificate } from '../src/provider/protocol/certificate';
import { frameMessage } from '../src/provider/protocol/grpc/frame';
import { startGrpcServer } from '../src/provider/protocol/grpc/server';
import { createLogger } from '../src/provider/protocol/logger';
import { printTable } from './stats';

interface Setup {
  socketPath: string;
  server: { certificatePem: string; privateKeyPem: string };
  client: { certificatePem: string; privateKeyPem: string };
}

/** The server this project used before its own: @grpc/grpc-js (a dev dependency now), for comparison. */
async function serveGrpcJsInChild(setup: Setup): Promise<void> {
  const grpc = await import('@grpc/grpc-js');
  const server = new grpc.Server();
  const identity = (bytes: Buffer): Buffer => bytes;
  server.addService(
    {
      Echo: {
        path: '/b.S/Echo',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Echo: (call: { request: Buffer }, callback: (error: null, value: Buffer) => void) =>
        callback(null, call.request),
    },
  );
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(setup.client.certificatePem),
    [
      {
        cert_chain: Buffer.from(setup.server.certificatePem),
        private_key: Buffer.from(setup.server.privateKeyPem),
      },
    ],
    true,
  );
  await new Promise((resolve, reject) =>
    server.bindAsync(`unix:${setup.socketPath}`, credentials, (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  reportWhenAsked(() => server.forceShutdown());
}

function reportWhenAsked(stop: () => void): void {
  process.send?.('ready');
  process.on('message', (message) => {
    if (message === 'cpu?') {
      const used = process.cpuUsage();
      process.send?.({ cpuMs: (used.user + used.system) / 1000 });
    } else if (message === 'stop') {
      stop();
      process.exit(0);
    }
  });
}

async function serveInChild(setup: Setup): Promise<void> {
  const server = await startGrpcServer({
    routes: new Map([['/b.S/Echo', { kind: 'unary', handle: async (request: Buffer) => request }]]),
    listen: { socketPath: setup.socketPath },
    tls: { ...setup.server, clientCaPem: setup.client.certificatePem },
    logger: createLogger({ level: 'error' }),
  });
  reportWhenAsked(() => void server.close(0));
}

function unary(session: http2.ClientHttp2Session, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ':method': 'POST',
      ':path': '/b.S/Echo',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    stream.on('trailers', (trailers) =>
      trailers['grpc-status'] === '0'
        ? undefined
        : reject(new Error(`status ${String(trailers['grpc-status'])}`)),
    );
    stream.on('data', () => undefined);
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.end(body);
  });
}

async function measure(
  serverKind: '--serve' | '--serve-grpc-js',
  calls: number,
): Promise<(string | number)[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-grpc-'));
  const setup: Setup = {
    socketPath: path.join(dir, 'grpc.sock'),
    server: generateServerCertificate(),
    client: generateServerCertificate(),
  };
  const child = fork(__filename, [serverKind, JSON.stringify(setup)], { execArgv: process.execArgv });
  await new Promise((resolve) => child.once('message', resolve));
  const session = http2.connect('https://localhost', {
    createConnection: () =>
      tls.connect({
        path: setup.socketPath,
        servername: 'localhost',
        ALPNProtocols: ['h2'],
        ca: setup.server.certificatePem,
        cert: setup.client.certificatePem,
        key: setup.client.privateKeyPem,
      }),
  });
  const body = frameMessage(Buffer.alloc(300, 7));
  for (let i = 0; i < 200; i++) await unary(session, body); // warm up
  child.send('cpu?');
  const { cpuMs: warmCpuMs } = await new Promise<{ cpuMs: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { cpuMs: number })),
  );
  const started = performance.now();
  for (let i = 0; i < calls; i++) await unary(session, body);
  const wall = (performance.now() - started) / calls;
  child.send('cpu?');
  const { cpuMs } = await new Promise<{ cpuMs: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { cpuMs: number })),
  );
  session.on('error', () => undefined);
  session.destroy();
  child.send('stop');
  fs.rmSync(dir, { recursive: true, force: true });
  const label = serverKind === '--serve' ? 'ours (node:http2)' : '@grpc/grpc-js (before)';
  return [label, calls, wall.toFixed(3), (((cpuMs - warmCpuMs) * 1000) / calls).toFixed(0)];
}

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 2000);
  const rows = [
    await measure('--serve', calls),
    await measure('--serve-grpc-js', calls),
    await measure('--serve', calls),
  ];
  printTable(['server', 'calls', 'wall ms per call', 'server CPU µs per call'], rows);
}

const [mode, setup] = [process.argv[2], process.argv[3]];
if (mode === '--serve') void serveInChild(JSON.parse(setup!) as Setup);
else if (mode === '--serve-grpc-js') void serveGrpcJsInChild(JSON.parse(setup!) as Setup);
else void main();
