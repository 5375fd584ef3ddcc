import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../../api';
import type { CloudClock } from '../clock';
import { randomBase62 } from '../ids';
import type { DueDelivery, WebhookDeliveryStore } from '../store/webhook-deliveries';
import { postDelivery } from './post-delivery';
import { nextAttemptAtMs } from './retry-schedule';
import { signWebhookBody } from './signing';
import type { WebhookTargetPolicy } from './target-policy';

export interface WebhookDeliveryOptions {
  /** Waits before each retry; n delays allow n + 1 attempts. */
  readonly retryDelaysMs: readonly number[];
  /** One attempt's limit, connect to last response byte. */
  readonly timeoutMs: number;
  /** Receives a line when the worker itself fails (never a secret, URL query or body). */
  readonly log: (line: string) => void;
  /** Where deliveries may go, checked again at every attempt after resolving the host. */
  readonly targets: WebhookTargetPolicy;
}

/**
 * How often the worker looks for new events and due retries. Retry times are on the cloud's clock, so an
 * advanced clock makes retries due at the next poll; short enough that tests with tiny schedules run fast.
 */
const POLL_INTERVAL_MS = 50;

const USER_AGENT = 'LightYear-Webhooks/1';

/** `X-LightYear-Delivery` values: one per (webhook, event), kept across retries. */
function newDeliveryId(): string {
  return `dlv_${randomBase62(24)}`;
}

/**
 * Delivers the event outbox to webhooks, on timers. Each poll fans new events out into deliveries
 * (durably), then starts the oldest due delivery of every webhook that has no attempt under way: a
 * webhook's deliveries go one at a time and roughly in event order, while a slow or failing receiver never
 * holds up another webhook. A delivery waiting for its retry does not block the ones after it.
 */
export class WebhookDeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly busyWebhooks = new Set<string>();
  private readonly attempts = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly deliveries: WebhookDeliveryStore,
    private readonly clock: CloudClock,
    private readonly options: WebhookDeliveryOptions,
  ) {}

  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => this.poll(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  /** Polls now instead of at the next tick: after a clock advance or an injected event. */
  poll(): void {
    if (this.stopped) return;
    try {
      this.deliveries.fanOut(this.clock.nowIso(), newDeliveryId);
      for (const delivery of this.deliveries.due(this.clock.nowIso())) {
        if (this.busyWebhooks.has(delivery.webhookId)) continue;
        this.launch(delivery);
      }
    } catch (error) {
      this.options.log(
        `webhook delivery poll failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Stops polling and cuts attempts under way. Their deliveries stay pending with the attempt unrecorded,
   * so the next start tries them again under the same delivery id.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.abort.abort();
    await Promise.all(this.attempts);
  }

  private launch(delivery: DueDelivery): void {
    this.busyWebhooks.add(delivery.webhookId);
    const attempt = this.attempt(delivery)
      .catch((error: unknown) => {
        this.options.log(
          `webhook delivery failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.busyWebhooks.delete(delivery.webhookId);
        this.attempts.delete(attempt);
        // The webhook's next delivery may already be due; do not leave it for the next tick.
        if (!this.stopped) setImmediate(() => this.poll());
      });
    this.attempts.add(attempt);
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const startedAt = this.clock.nowIso();
    const started = performance.now();
    const outcome = await postDelivery({
      url: delivery.url,
      body: delivery.body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(delivery.secret, delivery.body),
        [WEBHOOK_EVENT_HEADER]: delivery.eventType,
        [WEBHOOK_DELIVERY_HEADER]: delivery.id,
      },
      timeoutMs: this.options.timeoutMs,
      signal: this.abort.signal,
      policy: this.options.targets,
    });
    // Cut short by close(): the receiver may not have seen it, so it stays due for the next start.
    if (this.stopped) return;
    const attempt = delivery.attempts + 1;
    const nextMs =
      outcome.error === null
        ? null
        : nextAttemptAtMs(attempt, this.options.retryDelaysMs, this.clock.nowMs());
    this.deliveries.recordAttempt({
      deliveryId: delivery.id,
      attempt,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: Math.round(performance.now() - started),
      nextRetryAt: nextMs === null ? null : new Date(nextMs).toISOString(),
      createdAt: startedAt,
    });
  }
}
