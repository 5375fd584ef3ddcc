import { ensureBootstrapKey } from './bootstrap';
import { accessLog } from './http/stages/access-log';
import { authenticate } from './http/stages/authenticate';
import { checkBodyHeaders } from './http/stages/body-headers';
import { dispatch } from './http/stages/dispatch';
import { errorEnvelope } from './http/stages/error-envelope';
import { requestIdHeader } from './http/stages/request-id';
import { writeReply } from './http/stages/write-reply';
import { Router } from './http/router';
import { closeServer, createPipelineServer, listen } from './http/server';
import { apiRoutes } from './routes';
import { Store } from './store';

export interface LocalCloudOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Directory for `cloud.db` and `bootstrap-key`; created if missing. @default in-memory, gone on close */
  dataDir?: string;
  /** Fix the bootstrap key's secret (`ly_` + 40 base62 characters) instead of generating one. */
  bootstrapKey?: string;
  /** Receives one access-log line per request and unexpected errors; never headers or bodies. @default discard */
  log?: (line: string) => void;
}

export interface RunningLocalCloud {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** Scheme, host and port, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly port: number;
  /** The bootstrap key's secret (permission `*`). */
  readonly apiKey: string;
  /** Stops the server (idle keep-alive connections are closed at once) and closes the database. */
  close(): Promise<void>;
}

/** Starts the local LightYear Cloud: the API over HTTP, backed by SQLite. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<RunningLocalCloud> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const store = Store.open(options.dataDir);
  try {
    const apiKey = ensureBootstrapKey(store.apiKeys, {
      dataDir: options.dataDir,
      secret: options.bootstrapKey,
      log,
    });
    // The order is the request's path through the cloud; see docs/local-cloud.md.
    const server = createPipelineServer([
      requestIdHeader,
      accessLog(log),
      writeReply,
      errorEnvelope(log),
      checkBodyHeaders,
      authenticate(store.apiKeys),
      dispatch(new Router(apiRoutes(store))),
    ]);
    const port = await listen(server, options.port ?? 0, host);
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closing: Promise<void> | undefined;
    return {
      url: `${origin}/v1`,
      origin,
      port,
      apiKey,
      close() {
        closing ??= closeServer(server).finally(() => store.close());
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
