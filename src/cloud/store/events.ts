import type { Database, Statement } from 'better-sqlite3';
import type { WebhookEventType } from '../../api';
import { newId } from '../ids';

/** An event type of the contract (`X-LightYear-Event`); the list is `WEBHOOK_EVENT_TYPES` in src/api. */
export type EventType = WebhookEventType;

export interface CloudEvent {
  readonly seq: number;
  readonly id: string;
  readonly type: EventType;
  readonly data: Record<string, unknown>;
  readonly created_at: string;
}

interface EventRow {
  seq: number;
  id: string;
  type: string;
  data: string;
  created_at: string;
}

/**
 * The event outbox. `emit` must be called inside the transaction that makes the change, so the event and the
 * change commit together or not at all.
 */
export class EventStore {
  private readonly insertStatement: Statement;
  private readonly afterStatement: Statement;

  constructor(db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO events (id, type, data, created_at) VALUES (@id, @type, @data, @created_at)',
    );
    this.afterStatement = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  emit(type: EventType, data: Record<string, unknown>, createdAt: string): CloudEvent {
    const id = newId('event');
    const result = this.insertStatement.run({ id, type, data: JSON.stringify(data), created_at: createdAt });
    return { seq: Number(result.lastInsertRowid), id, type, data, created_at: createdAt };
  }

  /** Events after `seq`, oldest first: how a consumer (webhook delivery) catches up. */
  after(seq: number, limit = 100): CloudEvent[] {
    return (this.afterStatement.all(seq, limit) as EventRow[]).map((row) => ({
      seq: row.seq,
      id: row.id,
      type: row.type as EventType,
      data: JSON.parse(row.data) as Record<string, unknown>,
      created_at: row.created_at,
    }));
  }
}
