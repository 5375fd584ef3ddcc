import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'event outbox',
  up(db) {
    db.exec(`
      -- Every event the cloud emits, written in the same transaction as the change it describes (an
      -- outbox): webhook delivery reads from here, so an event is never lost to a crash between the
      -- change and its delivery, nor emitted for a change that rolled back.
      CREATE TABLE events (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        id         TEXT NOT NULL UNIQUE,
        type       TEXT NOT NULL,
        data       TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
