import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'webhooks, their deliveries and attempts',
  up(db) {
    db.exec(`
      -- The secret is kept in the clear: every delivery is signed with it (HMAC), so a hash would not do.
      -- subscribed_after_seq is the newest event seq when the webhook was created: it receives only
      -- events emitted after that, whatever the fan-out's progress was at the time.
      CREATE TABLE webhooks (
        seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
        id                   TEXT NOT NULL UNIQUE,
        url                  TEXT NOT NULL,
        events               TEXT NOT NULL,
        description          TEXT,
        active               INTEGER NOT NULL,
        secret               TEXT NOT NULL,
        subscribed_after_seq INTEGER NOT NULL,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;

      CREATE INDEX webhooks_by_created_at ON webhooks (created_at, seq);

      -- How far the fan-out has read the event outbox (one row). Advanced in the same transaction that
      -- creates the deliveries for those events, so a restart neither skips nor repeats an event.
      CREATE TABLE webhook_cursor (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        event_seq INTEGER NOT NULL
      ) STRICT;

      -- One row per (webhook, event): the raw body is fixed when the delivery is created, so every retry
      -- (even after a restart) sends the same bytes under the same delivery id.
      CREATE TABLE webhook_deliveries (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        webhook_id      TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event_id        TEXT NOT NULL,
        event_type      TEXT NOT NULL,
        body            TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts        INTEGER NOT NULL,
        next_attempt_at TEXT,
        created_at      TEXT NOT NULL,
        UNIQUE (webhook_id, event_id)
      ) STRICT;

      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

      -- Every attempt of every delivery, as GET /webhooks/{id}/deliveries lists them.
      CREATE TABLE webhook_attempts (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        webhook_id    TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        delivery_id   TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        event_id      TEXT NOT NULL,
        event_type    TEXT NOT NULL,
        attempt       INTEGER NOT NULL,
        status_code   INTEGER,
        error         TEXT,
        duration_ms   INTEGER NOT NULL,
        next_retry_at TEXT,
        created_at    TEXT NOT NULL
      ) STRICT;

      CREATE INDEX webhook_attempts_by_webhook ON webhook_attempts (webhook_id, created_at, seq);
      CREATE INDEX webhook_attempts_by_event ON webhook_attempts (webhook_id, event_id, created_at, seq);
    `);
  },
};
