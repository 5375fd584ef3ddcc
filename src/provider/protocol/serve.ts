/**
 * The provider process's life: handshake with Terraform, serve, and leave nothing behind.
 *
 * Terraform starts a provider 3-5 times per command and ends each one with GRPCController/Shutdown; without
 * a prompt exit there it waits 2 s and SIGKILLs. Ctrl-C reaches the whole process group as SIGINT, which we
 * ignore: Terraform follows up with StopProvider and then Shutdown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { handshakeLine, readHandshakeEnvironment } from './handshake';
import type { Logger } from './logger';
import { createLogger } from './logger';
import type { Listen, PluginServer } from './plugin-server';
import { startPluginServer } from './plugin-server';
import type { ProviderHandlers } from './tfplugin6';

export interface ServeOptions {
  /**
   * The one line printed (to stderr, exit 1) when someone runs the binary by hand: what it is, that
   * Terraform starts it, and how to install it.
   */
  readonly notStartedByTerraformMessage?: string;
  readonly logger?: Logger;
}

const DEFAULT_NOT_STARTED_BY_TERRAFORM =
  'This is a Terraform provider plugin: Terraform starts it itself. Install it where Terraform looks for ' +
  'providers and run terraform instead.';

/** Unix socket paths longer than this do not fit `sockaddr_un` (108 bytes with the terminator). */
const MAX_SOCKET_PATH = 100;

/** How often to check that Terraform is still alive (an orphaned provider would otherwise serve forever). */
const PARENT_CHECK_INTERVAL_MS = 1000;

const EXIT_CODE_SIGTERM = 143;

/**
 * Runs the plugin until Terraform shuts it down, then exits the process. Never resolves in normal operation
 * (the process exits); rejects only if the server cannot start.
 */
export async function serve(handlers: ProviderHandlers, options: ServeOptions = {}): Promise<void> {
  const logger = options.logger ?? createLogger();
  const environment = readHandshakeEnvironment(process.env);
  if (environment.kind === 'not-started-by-terraform') {
    process.stderr.write(`${options.notStartedByTerraformMessage ?? DEFAULT_NOT_STARTED_BY_TERRAFORM}\n`);
    process.exit(1);
  }
  if (environment.kind === 'unsupported-protocol') {
    logger.error('Terraform offers no plugin protocol version this provider speaks', {
      offered: environment.offered,
      supported: '6',
    });
    process.exit(1);
  }

  const socketDir = mkdtempSync(path.join(tmpdir(), 'tfplugin-'));
  const removeSocketDir = (): void => rmSync(socketDir, { recursive: true, force: true });
  // Last resort for exits we do not steer (an uncaught exception): the socket must not pile up in TMPDIR.
  process.on('exit', removeSocketDir);

  const socketPath = path.join(socketDir, 'plugin.sock');
  const listen: Listen = socketPath.length <= MAX_SOCKET_PATH ? { socketPath } : { tcpHost: '127.0.0.1' };

  process.on('SIGINT', () => logger.debug('ignoring SIGINT; Terraform stops providers through StopProvider'));

  // Filled once the server is up; a signal before that only has the socket directory to clean.
  const running: { server?: PluginServer } = {};
  let exiting = false;
  const exit = (reason: string, code: number): void => {
    if (exiting) return;
    exiting = true;
    logger.debug('plugin exiting', { reason });
    void (running.server?.close() ?? Promise.resolve()).finally(() => {
      removeSocketDir();
      process.exit(code);
    });
  };
  process.on('SIGTERM', () => exit('SIGTERM', EXIT_CODE_SIGTERM));

  const server = await startPluginServer({
    handlers,
    logger,
    listen,
    clientCertificatePem: environment.clientCertificatePem,
    onShutdownRequested: () => exit('shutdown requested by Terraform', 0),
  });
  running.server = server;
  watchParent(() => exit('Terraform exited', 0));
  process.stdout.write(handshakeLine(server));
  logger.debug('plugin serving', { network: server.network, address: server.address });
}

/**
 * Stdin cannot tell us Terraform is gone: go-plugin hands the plugin Terraform's own stdin, which may be
 * /dev/null from the start. So poll the parent process instead.
 */
function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  if (parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, PARENT_CHECK_INTERVAL_MS);
  timer.unref();
}
