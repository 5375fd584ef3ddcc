import type { Database, Statement } from 'better-sqlite3';
import type { WebhookDeliveryAttempt, WebhookEventType, WebhookPayload } from '../../api';
import type { WebhookSecretVault } from '../webhooks/secret-vault';
import type { EventStore } from './events';
import { keysetPage, type Page, type SortOrder } from './pagination';

/** A delivery whose next attempt is due, with what the attempt needs from its webhook. */
export interface DueDelivery {
  readonly id: string;
  readonly webhookId: string;
  /** The webhook's URL and secret as they are now: a PATCHed URL takes effect on the next retry. */
  readonly url: string;
  readonly secret: string;
  readonly eventId: string;
  readonly eventType: WebhookEventType;
  /** The raw JSON body, fixed when the delivery was created: every attempt sends these bytes. */
  readonly body: string;
  /** Attempts made so far. */
  readonly attempts: number;
}

export interface AttemptRecord {
  readonly deliveryId: string;
  /** 1-based number of this attempt. */
  readonly attempt: number;
  readonly statusCode: number | null;
  /** Why the attempt failed; null means it succeeded (a 2xx answer). */
  readonly error: string | null;
  readonly durationMs: number;
  /** When to try again; null when the delivery is over (succeeded, or that was the last attempt). */
  readonly nextRetryAt: string | null;
  readonly createdAt: string;
}

export interface AttemptListRequest {
  readonly webhookId: string;
  readonly eventId?: string;
  readonly order: SortOrder;
  readonly perPage: number;
  readonly cursor?: string;
}

interface SubscriberRow {
  id: string;
  events: string;
  subscribed_after_seq: number;
}

interface DueRow {
  id: string;
  webhook_id: string;
  url: string;
  secret: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
}

interface AttemptRow {
  seq: number;
  delivery_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  next_retry_at: string | null;
  created_at: string;
}

/** How many events one fan-out transaction reads; the worker calls again until it is caught up. */
const FAN_OUT_BATCH = 200;

/**
 * The delivery queue. `fanOut` turns new outbox events into one pending delivery per subscribed webhook,
 * advancing a durable cursor in the same transaction; the worker then takes `due` deliveries and records
 * each attempt's outcome.
 */
export class WebhookDeliveryStore {
  private readonly cursorStatement: Statement<[], { event_seq: number }>;
  private readonly saveCursorStatement: Statement<[number]>;
  private readonly subscribersStatement: Statement<[], SubscriberRow>;
  private readonly insertDeliveryStatement: Statement;
  private readonly dueStatement: Statement<[string], DueRow>;
  private readonly pendingStatement: Statement<[string], { attempts: number }>;
  private readonly insertAttemptStatement: Statement;
  private readonly updateDeliveryStatement: Statement;

  constructor(
    private readonly db: Database,
    private readonly events: EventStore,
    private readonly vault: WebhookSecretVault,
  ) {
    this.cursorStatement = db.prepare('SELECT event_seq FROM webhook_cursor WHERE id = 1');
    this.saveCursorStatement = db.prepare(
      'INSERT INTO webhook_cursor (id, event_seq) VALUES (1, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET event_seq = excluded.event_seq',
    );
    this.subscribersStatement = db.prepare(
      'SELECT id, events, subscribed_after_seq FROM webhooks WHERE active = 1 ORDER BY seq',
    );
    this.insertDeliveryStatement = db.prepare(
      'INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, event_id, event_type, body, status, ' +
        "attempts, next_attempt_at, created_at) VALUES (@id, @webhook_id, @event_id, @event_type, @body, 'pending', " +
        '0, @created_at, @created_at)',
    );
    // The oldest due delivery of each active webhook: one webhook's backlog never hides another's.
    this.dueStatement = db.prepare(
      'SELECT d.id, d.webhook_id, w.url, w.secret, d.event_id, d.event_type, d.body, d.attempts ' +
        'FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id ' +
        'WHERE d.seq IN (SELECT MIN(seq) FROM webhook_deliveries ' +
        "  WHERE status = 'pending' AND next_attempt_at <= ? GROUP BY webhook_id) " +
        'AND w.active = 1 ORDER BY d.seq',
    );
    this.pendingStatement = db.prepare(
      "SELECT attempts FROM webhook_deliveries WHERE id = ? AND status = 'pending'",
    );
    this.insertAttemptStatement = db.prepare(
      'INSERT INTO webhook_attempts (webhook_id, delivery_id, event_id, event_type, attempt, status_code, ' +
        'error, duration_ms, next_retry_at, created_at) SELECT webhook_id, id, event_id, event_type, ' +
        '@attempt, @status_code, @error, @duration_ms, @next_retry_at, @created_at ' +
        'FROM webhook_deliveries WHERE id = @delivery_id',
    );
    this.updateDeliveryStatement = db.prepare(
      'UPDATE webhook_deliveries SET status = @status, attempts = @attempt, next_attempt_at = @next_retry_at ' +
        'WHERE id = @delivery_id',
    );
  }

  /**
   * Creates the deliveries for every event emitted since the last call and moves the cursor past them,
   * all in one transaction per batch. Returns how many events it read.
   */
  fanOut(nowIso: string, newDeliveryId: () => string): number {
    let total = 0;
    for (;;) {
      const read = this.db.transaction(() => {
        const cursor = this.cursorStatement.get()?.event_seq ?? 0;
        const events = this.events.after(cursor, FAN_OUT_BATCH);
        const last = events.at(-1);
        if (last === undefined) return 0;
        const subscribers = this.subscribersStatement
          .all()
          .map((row) => ({ ...row, events: new Set(JSON.parse(row.events) as string[]) }));
        for (const event of events) {
          const payload: WebhookPayload = {
            id: event.id,
            type: event.type,
            created_at: event.created_at,
            data: event.data,
          };
          const body = JSON.stringify(payload);
          for (const webhook of subscribers) {
            if (event.seq <= webhook.subscribed_after_seq || !webhook.events.has(event.type)) continue;
            this.insertDeliveryStatement.run({
              id: newDeliveryId(),
              webhook_id: webhook.id,
              event_id: event.id,
              event_type: event.type,
              body,
              created_at: nowIso,
            });
          }
        }
        this.saveCursorStatement.run(last.seq);
        return events.length;
      })();
      total += read;
      if (read < FAN_OUT_BATCH) return total;
    }
  }

  /** For each active webhook, its oldest delivery whose next attempt is due at `nowIso`. */
  due(nowIso: string): DueDelivery[] {
    return this.dueStatement.all(nowIso).map((row) => ({
      id: row.id,
      webhookId: row.webhook_id,
      url: row.url,
      secret: this.vault.open(row.secret, row.webhook_id),
      eventId: row.event_id,
      eventType: row.event_type as WebhookEventType,
      body: row.body,
      attempts: row.attempts,
    }));
  }

  /**
   * Logs an attempt and moves its delivery on: succeeded, failed for good, or pending until
   * `nextRetryAt`. Returns false (and records nothing) when the delivery is no longer pending: its
   * webhook was deleted, or the cloud was reset, while the attempt was under way.
   */
  recordAttempt(record: AttemptRecord): boolean {
    return this.db.transaction(() => {
      if (this.pendingStatement.get(record.deliveryId) === undefined) return false;
      this.insertAttemptStatement.run({
        delivery_id: record.deliveryId,
        attempt: record.attempt,
        status_code: record.statusCode,
        error: record.error,
        duration_ms: record.durationMs,
        next_retry_at: record.nextRetryAt,
        created_at: record.createdAt,
      });
      const status = record.error === null ? 'succeeded' : record.nextRetryAt === null ? 'failed' : 'pending';
      this.updateDeliveryStatement.run({
        delivery_id: record.deliveryId,
        status,
        attempt: record.attempt,
        next_retry_at: status === 'pending' ? record.nextRetryAt : null,
      });
      return true;
    })();
  }

  /** A webhook's attempts, oldest first by default. */
  listAttempts(request: AttemptListRequest): Page<WebhookDeliveryAttempt> {
    const page = keysetPage<AttemptRow>(this.db, 'webhook_attempts', {
      sortColumn: 'created_at',
      order: request.order,
      perPage: request.perPage,
      filters: { webhook_id: request.webhookId, event_id: request.eventId },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toAttempt) };
  }
}

function toAttempt(row: AttemptRow): WebhookDeliveryAttempt {
  return {
    delivery_id: row.delivery_id,
    event_id: row.event_id,
    event_type: row.event_type as WebhookEventType,
    attempt: row.attempt,
    status_code: row.status_code,
    error: row.error,
    succeeded: row.error === null,
    duration_ms: row.duration_ms,
    next_retry_at: row.next_retry_at,
    created_at: row.created_at,
  };
}
