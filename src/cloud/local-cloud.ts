import { ensureBootstrapKey } from './bootstrap';
import { CloudClock } from './clock';
import type { CloudContext } from './cloud-context';
import { applyLifecycle } from './http/stages/apply-lifecycle';
import { DEMO_DURATIONS, LifecycleEngine, type LifecycleDurations } from './lifecycle';
import { accessLog } from './http/stages/access-log';
import { authenticate } from './http/stages/authenticate';
import { checkBodyHeaders } from './http/stages/body-headers';
import { dispatch } from './http/stages/dispatch';
import { errorEnvelope } from './http/stages/error-envelope';
import { idempotency } from './http/stages/idempotency';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, isRateLimitOff, rateLimit } from './http/stages/rate-limit';
import { requestIdHeader } from './http/stages/request-id';
import { writeReply } from './http/stages/write-reply';
import { Router } from './http/router';
import { closeServer, createPipelineServer, DEFAULT_MAX_CONNECTIONS, listen } from './http/server';
import { apiRoutes } from './routes';
import { ensurePrivateDirectory } from './private-files';
import { Store } from './store';
import { resolveTlsMaterial, type LocalCloudTlsOption } from './tls';
import { FaultInjector } from './control/fault-injector';
import { injectFaults } from './control/inject-faults';
import { recordRequests } from './control/record-requests';
import { DEFAULT_REQUEST_LOG_SIZE, RequestLog } from './control/request-log';
import { controlRoutes } from './control/routes';
import { WebhookDeliveryWorker } from './webhooks/delivery-worker';
import type { WebhookTargetPolicy } from './webhooks/target-policy';
import {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  validateWebhookSchedule,
} from './webhooks/retry-schedule';

export interface LocalCloudOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Directory for `cloud.db` and `bootstrap-key`: created 0700 if missing, tightened to 0700 (files 0600,
   * said in the log) if others can read it. @default in-memory, gone on close
   */
  dataDir?: string;
  /** Fix the bootstrap key's secret (`ly_` + 40 base62 characters) instead of generating one. */
  bootstrapKey?: string;
  /** Receives one access-log line per request and unexpected errors; never headers or bodies. @default discard */
  log?: (line: string) => void;
  /** How long provisioning, resizing, power changes, volumes and snapshots take. @default DEMO_DURATIONS */
  lifecycle?: LifecycleDurations;
  /** The cloud's clock; pass one to move time forward in-process (`clock.advance(ms)`). @default a new clock */
  clock?: CloudClock;
  /**
   * Requests per minute per API key before 429 `rate_limit_exceeded`; 0 or Infinity turns the limit (and
   * its X-RateLimit-* headers) off. @default 600, the hosted API's figure
   */
  rateLimitPerMinute?: number;
  /**
   * Waits before each retry of a webhook delivery, on the cloud's clock; n delays make n + 1 attempts, and
   * the contract's five attempts need at least 4. @default [1000, 5000, 30000, 120000, 600000]
   */
  webhookRetryDelaysMs?: readonly number[];
  /** How long one webhook delivery attempt may take, connect to last byte. @default 10000 */
  webhookTimeoutMs?: number;
  /**
   * Let webhooks deliver to private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), e.g. a
   * receiver on the LAN. Link-local and metadata addresses and the cloud's own listener stay refused.
   * @default false: loopback and public addresses only
   */
  allowPrivateWebhookTargets?: boolean;
  /** How many `/v1` requests `GET /_local/requests` keeps (oldest dropped first). @default 1000 */
  requestLogSize?: number;
  /** Open connections served at once; one more is closed when it is accepted. @default 256 */
  maxConnections?: number;
  /**
   * Serve HTTPS with a self-signed certificate (SAN localhost, 127.0.0.1, ::1), kept as `tls-cert.pem` and
   * `tls-key.pem` (0600) in the data directory or at the given paths, and reused across restarts.
   * @default false: plain HTTP
   */
  tls?: LocalCloudTlsOption;
}

/** How often due lifecycle transitions are applied when no request comes (so events still fire). */
const LIFECYCLE_TICK_MS = 250;

export interface RunningLocalCloud {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** Scheme, host and port, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly port: number;
  /** The bootstrap key's secret (permission `*`). */
  readonly apiKey: string;
  /** With `tls`: the certificate (PEM) clients must trust, e.g. as the client's `ca` option. */
  readonly tlsCertificate?: string;
  /** With `tls` and a data directory or `certPath`: where that certificate is. */
  readonly tlsCertificatePath?: string;
  /** Stops the server (idle keep-alive connections are closed at once) and closes the database. */
  close(): Promise<void>;
}

/** Starts the local LightYear Cloud: the API over HTTP, backed by SQLite. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<RunningLocalCloud> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const rateLimitPerMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  // Checked before anything is opened, so a bad figure fails fast and leaves nothing behind.
  isRateLimitOff(rateLimitPerMinute);
  const webhookRetryDelaysMs = options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
  const webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  validateWebhookSchedule(webhookRetryDelaysMs, webhookTimeoutMs);
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) {
    throw new RangeError(
      `maxConnections must be a whole number of at least 1, not ${String(maxConnections)}`,
    );
  }
  const requestLog = new RequestLog(options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE);
  if (options.dataDir !== undefined) ensurePrivateDirectory(options.dataDir, log);
  const store = Store.open(options.dataDir);
  try {
    const clock = options.clock ?? new CloudClock();
    const apiKey = ensureBootstrapKey(store.apiKeys, {
      dataDir: options.dataDir,
      secret: options.bootstrapKey,
      log,
      clock,
    });
    const lifecycle = new LifecycleEngine(
      options.lifecycle ?? DEMO_DURATIONS,
      () => clock.nowIso(),
      (work) => store.transaction(work),
    );
    const webhookTargets: WebhookTargetPolicy = {
      allowPrivateTargets: options.allowPrivateWebhookTargets ?? false,
    };
    const cloud: CloudContext = { store, clock, lifecycle, webhookTargets };
    const routes = apiRoutes(cloud);
    const faults = new FaultInjector();
    const webhookWorker = new WebhookDeliveryWorker(store.webhookDeliveries, clock, {
      retryDelaysMs: webhookRetryDelaysMs,
      timeoutMs: webhookTimeoutMs,
      log,
      targets: webhookTargets,
    });
    const control = controlRoutes({
      cloud,
      apiRouter: new Router(routes),
      faults,
      requestLog,
      deliverWebhooksNow: () => webhookWorker.poll(),
    });
    const router = new Router([...routes, ...control]);
    // The order is the request's path through the cloud; see docs/local-cloud.md.
    const tls =
      options.tls === undefined || options.tls === false
        ? undefined
        : resolveTlsMaterial(options.tls, { dataDir: options.dataDir, host });
    const server = createPipelineServer(
      [
        requestIdHeader,
        recordRequests(requestLog, clock),
        accessLog(log),
        writeReply,
        errorEnvelope(log),
        injectFaults(faults),
        checkBodyHeaders,
        authenticate(store.apiKeys, clock),
        rateLimit(clock, rateLimitPerMinute),
        idempotency(store.idempotencyKeys, clock),
        applyLifecycle(lifecycle),
        dispatch(router),
      ],
      {
        log,
        tls: tls === undefined ? undefined : { cert: tls.certificatePem, key: tls.privateKeyPem },
        maxConnections,
      },
    );
    const port = await listen(server, options.port ?? 0, host);
    webhookTargets.listener = { host, port };
    const origin = `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const ticker = setInterval(() => {
      try {
        lifecycle.tick();
      } catch (error) {
        log(`lifecycle tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, LIFECYCLE_TICK_MS);
    ticker.unref();
    webhookWorker.start();
    let closing: Promise<void> | undefined;
    return {
      url: `${origin}/v1`,
      origin,
      port,
      apiKey,
      ...(tls === undefined ? {} : { tlsCertificate: tls.certificatePem, tlsCertificatePath: tls.certPath }),
      close() {
        clearInterval(ticker);
        closing ??= Promise.all([webhookWorker.stop(), closeServer(server)])
          .then(() => undefined)
          .finally(() => store.close());
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
