import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'api keys and ssh keys',
  up(db) {
    db.exec(`
      CREATE TABLE api_keys (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        prefix        TEXT NOT NULL,
        secret_sha256 TEXT NOT NULL UNIQUE,
        permissions   TEXT NOT NULL,
        created_at    TEXT NOT NULL
      ) STRICT;

      -- seq orders rows by insertion: it breaks ties between equal sort values (two keys created in the
      -- same millisecond, two keys with one name), and AUTOINCREMENT never reuses one, so a cursor that
      -- points at a deleted row cannot come to mean a newer one.
      CREATE TABLE ssh_keys (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL,
        public_key  TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
      ) STRICT;

      -- Keyset pagination walks (sort column, seq); these make every page an index range scan.
      CREATE INDEX ssh_keys_by_created_at ON ssh_keys (created_at, seq);
      CREATE INDEX ssh_keys_by_name ON ssh_keys (name, seq);
    `);
  },
};
