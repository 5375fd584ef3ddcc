import type { Migration } from './migration';

export const migration0008: Migration = {
  version: 8,
  name: 'idempotency answers sealed under the caller',
  up(db) {
    db.exec(`
      -- Stored answers used to be plain JSON, and an API key or webhook create answer holds its secret.
      -- They cannot be sealed now (that needs the caller's bearer secret, which the cloud never keeps), so
      -- they are dropped: a retry of such a request runs afresh. secure_delete (set on open) overwrites them.
      DELETE FROM idempotency_keys;
      ALTER TABLE idempotency_keys DROP COLUMN body;
      -- AES-256-GCM of the answer's JSON body, under a key derived from the caller's bearer secret and the
      -- Idempotency-Key (src/cloud/http/replay-seal.ts); NULL for an answer without a body.
      ALTER TABLE idempotency_keys ADD COLUMN sealed_body BLOB;
    `);
  },
};
