import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'firewalls and block storage',
  up(db) {
    db.exec(`
      -- Rule lists are stored as canonical JSON: they are always read and replaced whole (a PATCH that
      -- sends a list replaces it atomically), never queried rule by rule.
      CREATE TABLE firewalls (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        id             TEXT NOT NULL UNIQUE,
        name           TEXT NOT NULL,
        inbound_rules  TEXT NOT NULL,
        outbound_rules TEXT NOT NULL,
        created_at     TEXT NOT NULL
      ) STRICT;

      CREATE INDEX firewalls_by_created_at ON firewalls (created_at, seq);
      CREATE INDEX firewalls_by_name ON firewalls (name, seq);

      -- No foreign key to instances: the instance store detaches a block (detachAllFrom) in the same
      -- transaction that deletes the instance, which keeps the pair consistent and emits block.detached.
      -- due_at is when a pending volume becomes active; NULL once it is.
      CREATE TABLE blocks (
        seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
        id                      TEXT NOT NULL UNIQUE,
        label                   TEXT NOT NULL,
        region                  TEXT NOT NULL,
        size_gb                 INTEGER NOT NULL,
        status                  TEXT NOT NULL CHECK (status IN ('pending', 'active')),
        attached_to_instance_id TEXT,
        due_at                  TEXT,
        created_at              TEXT NOT NULL
      ) STRICT;

      CREATE INDEX blocks_by_created_at ON blocks (created_at, seq);
      CREATE INDEX blocks_by_label ON blocks (label, seq);
      CREATE INDEX blocks_by_attachment ON blocks (attached_to_instance_id);
      CREATE INDEX blocks_by_due_at ON blocks (due_at) WHERE due_at IS NOT NULL;
    `);
  },
};
