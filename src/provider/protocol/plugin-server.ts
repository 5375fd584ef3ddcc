/**
 * The gRPC server a provider process runs: `tfplugin6.Provider` plus the go-plugin services Terraform calls
 * on every connection. Knows nothing of environment variables, stdout or process exit (`serve.ts` does), so
 * it can be started in-process by tests.
 */
import { generateServerCertificate } from './certificate';
import { encode } from './codec';
import { Empty } from './go-plugin';
import type { GrpcRoute, Listen } from './grpc/server';
import { startGrpcServer } from './grpc/server';
import type { Logger } from './logger';
import { providerRoutes } from './provider-service';
import type { ProviderHandlers } from './tfplugin6';

export type { Listen } from './grpc/server';

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

const EMPTY_MESSAGE = encode(Empty, {});

export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const { logger } = options;
  const routes = new Map<string, GrpcRoute>(providerRoutes(options.handlers, logger));
  routes.set('/plugin.GRPCController/Shutdown', {
    kind: 'unary',
    handle: async () => {
      logger.debug('plugin shutdown requested');
      // After this answer is on its way: the owner's exit closes the server gracefully, which flushes it.
      setImmediate(options.onShutdownRequested);
      return EMPTY_MESSAGE;
    },
  });
  // go-plugin opens these streams on every connection and expects them held open; we never send stdio
  // (our logs go to stderr, which go-plugin reads directly) and never broker extra connections.
  routes.set('/plugin.GRPCStdio/StreamStdio', { kind: 'held', endWithClient: false });
  routes.set('/plugin.GRPCBroker/StartStream', { kind: 'held', endWithClient: true });

  let certificateDer: Uint8Array | undefined;
  let tls: { certificatePem: string; privateKeyPem: string; clientCaPem: string } | undefined;
  if (options.clientCertificatePem !== undefined) {
    const certificate = generateServerCertificate();
    certificateDer = certificate.der;
    tls = {
      certificatePem: certificate.certificatePem,
      privateKeyPem: certificate.privateKeyPem,
      clientCaPem: options.clientCertificatePem,
    };
  }

  const server = await startGrpcServer({ routes, listen: options.listen, logger, ...(tls ? { tls } : {}) });
  return {
    network: server.network,
    address: server.address,
    certificateDer,
    close: () => server.close(SHUTDOWN_GRACE_MS),
  };
}
