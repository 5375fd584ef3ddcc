/**
 * The gRPC server a provider process runs: `tfplugin6.Provider` plus the go-plugin services Terraform calls
 * on every connection. Knows nothing of environment variables, stdout or process exit (`serve.ts` does), so
 * it can be started in-process by tests.
 */
import type { ServerDuplexStream, ServerUnaryCall, ServerWritableStream, sendUnaryData } from '@grpc/grpc-js';
import { Server, ServerCredentials } from '@grpc/grpc-js';

import { generateServerCertificate } from './certificate';
import type { ConnInfo, Empty, StdioData } from './go-plugin';
import {
  brokerDefinition,
  controllerDefinition,
  providerServerDefinition,
  stdioDefinition,
} from './grpc-definitions';
import type { Logger } from './logger';
import { providerImplementation } from './provider-service';
import type { ProviderHandlers } from './tfplugin6';

export type Listen = { readonly socketPath: string } | { readonly tcpHost: '127.0.0.1' };

export interface PluginServerOptions {
  readonly handlers: ProviderHandlers;
  readonly logger: Logger;
  readonly listen: Listen;
  /**
   * AutoMTLS: the client certificate Terraform sent (`PLUGIN_CLIENT_CERT`), the only CA trusted for client
   * certificates. Absent: plaintext.
   */
  readonly clientCertificatePem?: string;
  /** Called after `plugin.GRPCController/Shutdown` has been answered. */
  readonly onShutdownRequested: () => void;
}

export interface PluginServer {
  readonly network: 'unix' | 'tcp';
  /** Socket path, or `127.0.0.1:<port>`. */
  readonly address: string;
  /** DER of the server certificate when serving TLS. */
  readonly certificateDer: Uint8Array | undefined;
  /** Ends the held go-plugin streams and stops the server; in-flight calls get a short grace period. */
  close(): Promise<void>;
}

/** How long in-flight calls may take to finish once shutdown starts, before connections are cut. */
const SHUTDOWN_GRACE_MS = 500;

export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const { logger } = options;
  // Terraform lifts gRPC's 4 MiB default in both directions; large states must fit here too.
  const server = new Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });

  // go-plugin opens these streams on every connection and expects them held open; we never send stdio
  // (our logs go to stderr, which go-plugin reads directly) and never broker extra connections.
  const heldStreams = new Set<{ end(): void }>();
  const hold = (
    stream: ServerWritableStream<Empty, StdioData> | ServerDuplexStream<ConnInfo, ConnInfo>,
  ): void => {
    heldStreams.add(stream);
    const release = (): void => {
      heldStreams.delete(stream);
    };
    stream.on('cancelled', release);
    stream.on('error', release);
  };

  server.addService(providerServerDefinition(), providerImplementation(options.handlers, logger));
  server.addService(controllerDefinition, {
    Shutdown: (_call: ServerUnaryCall<Empty, Empty>, callback: sendUnaryData<Empty>) => {
      logger.debug('plugin shutdown requested');
      callback(null, {});
      setImmediate(options.onShutdownRequested);
    },
  });
  server.addService(stdioDefinition, {
    StreamStdio: (call: ServerWritableStream<Empty, StdioData>) => hold(call),
  });
  server.addService(brokerDefinition, {
    StartStream: (call: ServerDuplexStream<ConnInfo, ConnInfo>) => {
      // Drain whatever the client sends so flow control never stalls the connection.
      call.on('data', () => undefined);
      call.on('end', () => call.end());
      hold(call);
    },
  });

  let certificateDer: Uint8Array | undefined;
  let credentials: ServerCredentials;
  if (options.clientCertificatePem !== undefined) {
    const certificate = generateServerCertificate();
    certificateDer = certificate.der;
    credentials = ServerCredentials.createSsl(
      Buffer.from(options.clientCertificatePem),
      [
        {
          cert_chain: Buffer.from(certificate.certificatePem),
          private_key: Buffer.from(certificate.privateKeyPem),
        },
      ],
      true,
    );
  } else {
    credentials = ServerCredentials.createInsecure();
  }

  const target = 'socketPath' in options.listen ? `unix:${options.listen.socketPath}` : '127.0.0.1:0';
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(target, credentials, (error, boundPort) => (error ? reject(error) : resolve(boundPort)));
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const stream of heldStreams) stream.end();
      heldStreams.clear();
      const force = setTimeout(() => {
        logger.debug('calls still in flight at shutdown; closing connections');
        server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    return closing;
  };

  return 'socketPath' in options.listen
    ? { network: 'unix', address: options.listen.socketPath, certificateDer, close }
    : { network: 'tcp', address: `127.0.0.1:${port}`, certificateDer, close };
}
