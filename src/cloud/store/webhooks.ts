import type { Database, Statement } from 'better-sqlite3';
import type { Webhook, WebhookEventType } from '../../api';
import type { WebhookSecretVault } from '../webhooks/secret-vault';
import { isSealed } from '../webhooks/secret-vault';
import { keysetPage, type Page, type SortOrder } from './pagination';

export interface NewWebhook {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description: string | null;
  /** Stored sealed under the vault's key: deliveries are signed with it. Never part of a `Webhook`. */
  readonly secret: string;
  readonly createdAt: string;
}

export interface WebhookChanges {
  readonly url?: string;
  readonly events?: readonly WebhookEventType[];
  readonly description?: string | null;
  readonly active?: boolean;
}

export interface WebhookListRequest {
  readonly order: SortOrder;
  readonly perPage: number;
  readonly cursor?: string;
}

interface WebhookRow {
  seq: number;
  id: string;
  url: string;
  events: string;
  description: string | null;
  active: number;
  secret: string;
  subscribed_after_seq: number;
  created_at: string;
  updated_at: string;
}

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    description: row.description,
    active: row.active === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Webhook subscriptions. Their deliveries live in WebhookDeliveryStore. */
export class WebhookStore {
  private readonly insertStatement: Statement;
  private readonly byId: Statement<[string], WebhookRow>;
  private readonly updateStatement: Statement;
  private readonly deleteStatement: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly vault: WebhookSecretVault,
  ) {
    // The newest event at creation bounds what the webhook receives: only events emitted after it.
    this.insertStatement = db.prepare(
      'INSERT INTO webhooks (id, url, events, description, active, secret, subscribed_after_seq, ' +
        'created_at, updated_at) VALUES (@id, @url, @events, @description, 1, @secret, ' +
        '(SELECT COALESCE(MAX(seq), 0) FROM events), @created_at, @created_at)',
    );
    this.byId = db.prepare('SELECT * FROM webhooks WHERE id = ?');
    this.updateStatement = db.prepare(
      'UPDATE webhooks SET url = @url, events = @events, description = @description, active = @active, ' +
        'updated_at = @updated_at WHERE id = @id',
    );
    this.deleteStatement = db.prepare('DELETE FROM webhooks WHERE id = ?');
  }

  insert(webhook: NewWebhook): Webhook {
    this.insertStatement.run({
      id: webhook.id,
      url: webhook.url,
      events: JSON.stringify(webhook.events),
      description: webhook.description,
      secret: this.vault.seal(webhook.secret, webhook.id),
      created_at: webhook.createdAt,
    });
    return this.get(webhook.id) as Webhook;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM webhooks').get() as { n: number }).n;
  }

  /** Seals the secrets an older build stored in the clear; returns how many. */
  sealLegacySecrets(): number {
    const rows = this.db.prepare('SELECT id, secret FROM webhooks').all() as { id: string; secret: string }[];
    const reseal = this.db.prepare('UPDATE webhooks SET secret = ? WHERE id = ?');
    let count = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        if (isSealed(row.secret)) continue;
        reseal.run(this.vault.seal(row.secret, row.id), row.id);
        count += 1;
      }
    })();
    return count;
  }

  get(id: string): Webhook | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toWebhook(row);
  }

  /** Applies the fields that are set; returns the webhook as it now is, or undefined when there is none. */
  update(id: string, changes: WebhookChanges, updatedAt: string): Webhook | undefined {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (current === undefined) return undefined;
      this.updateStatement.run({
        id,
        url: changes.url ?? current.url,
        events: JSON.stringify(changes.events ?? current.events),
        description: changes.description === undefined ? current.description : changes.description,
        active: (changes.active ?? current.active) ? 1 : 0,
        updated_at: updatedAt,
      });
      return this.get(id);
    })();
  }

  /** Deletes the webhook with its deliveries and their attempts; returns whether it existed. */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  list(request: WebhookListRequest): Page<Webhook> {
    const page = keysetPage<WebhookRow>(this.db, 'webhooks', {
      sortColumn: 'created_at',
      order: request.order,
      perPage: request.perPage,
      filters: {},
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toWebhook) };
  }
}
