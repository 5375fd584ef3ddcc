import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'api key limits and idempotency keys',
  up(db) {
    db.exec(`
      -- api_keys gains expiry, IP ranges and last use, and a seq column for keyset pagination. seq has to
      -- be an AUTOINCREMENT primary key, which ALTER TABLE cannot add, so the table is rebuilt; existing
      -- keys (the bootstrap key) keep their ids and secrets, numbered in creation order.
      CREATE TABLE api_keys_new (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        id            TEXT NOT NULL UNIQUE,
        name          TEXT NOT NULL,
        prefix        TEXT NOT NULL,
        secret_sha256 TEXT NOT NULL UNIQUE,
        permissions   TEXT NOT NULL,
        expires_at    TEXT,
        allowed_ips   TEXT,
        last_used_at  TEXT,
        created_at    TEXT NOT NULL
      ) STRICT;
      INSERT INTO api_keys_new (id, name, prefix, secret_sha256, permissions, created_at)
        SELECT id, name, prefix, secret_sha256, permissions, created_at FROM api_keys ORDER BY created_at, id;
      DROP TABLE api_keys;
      ALTER TABLE api_keys_new RENAME TO api_keys;
      CREATE INDEX api_keys_by_created_at ON api_keys (created_at, seq);
      CREATE INDEX api_keys_by_name ON api_keys (name, seq);

      -- The first answer to each POST sent with an Idempotency-Key, per API key, for 24 hours.
      -- fingerprint is the SHA-256 of method, path and canonical body: the same key with another request
      -- is refused. headers and body are the stored answer as JSON (body NULL for an empty answer).
      CREATE TABLE idempotency_keys (
        api_key_id  TEXT NOT NULL,
        key         TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status      INTEGER NOT NULL,
        headers     TEXT NOT NULL,
        body        TEXT,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        PRIMARY KEY (api_key_id, key)
      ) STRICT;
      CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
    `);
  },
};
