import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'instances and snapshots',
  up(db) {
    db.exec(`
      -- ssh_key_ids and tags are canonical JSON arrays (sorted, unique): always read whole. The tag filter
      -- reads them through json_each (instances_by_tag below).
      -- ipv4 and ipv6 are reserved when the instance is created (the API shows them once it is active),
      -- so UNIQUE makes two instances holding one address impossible; a deleted row frees its addresses.
      -- action is the slow operation in flight ('provision', 'resize', 'start', 'stop', 'reboot') and
      -- action_due_at when it completes; both NULL when the instance is idle. resize_plan is the target
      -- of a 'resize'.
      CREATE TABLE instances (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL UNIQUE,
        label            TEXT NOT NULL,
        hostname         TEXT NOT NULL,
        region           TEXT NOT NULL,
        plan             TEXT NOT NULL,
        image            TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'active', 'resizing', 'suspended')),
        power_status     TEXT NOT NULL CHECK (power_status IN ('running', 'stopped')),
        ipv4             TEXT NOT NULL UNIQUE,
        ipv6             TEXT UNIQUE,
        vcpu_count       INTEGER NOT NULL,
        ram_mb           INTEGER NOT NULL,
        disk_gb          INTEGER NOT NULL,
        ssh_key_ids      TEXT NOT NULL,
        firewall_id      TEXT,
        tags             TEXT NOT NULL,
        backups          INTEGER NOT NULL CHECK (backups IN (0, 1)),
        user_data_sha256 TEXT,
        action           TEXT CHECK (action IN ('provision', 'resize', 'start', 'stop', 'reboot')),
        action_due_at    TEXT,
        resize_plan      TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK ((action IS NULL) = (action_due_at IS NULL))
      ) STRICT;

      CREATE INDEX instances_by_created_at ON instances (created_at, seq);
      CREATE INDEX instances_by_label ON instances (label, seq);
      CREATE INDEX instances_by_firewall ON instances (firewall_id) WHERE firewall_id IS NOT NULL;
      CREATE INDEX instances_by_action_due_at ON instances (action_due_at) WHERE action_due_at IS NOT NULL;

      -- One row per (instance, tag): lists filtered by tag page through this view with the same keyset
      -- columns as the table. Tags are unique per instance, so a tag filter yields each instance once.
      CREATE VIEW instances_by_tag AS
        SELECT instances.*, tag.value AS tag FROM instances, json_each(instances.tags) AS tag;

      -- Snapshots outlive their instance: instance_id is kept as a plain reference, not a foreign key.
      -- due_at is when a pending snapshot completes; NULL once it has.
      CREATE TABLE snapshots (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        instance_id TEXT NOT NULL,
        description TEXT,
        status      TEXT NOT NULL CHECK (status IN ('pending', 'complete')),
        size_gb     INTEGER NOT NULL,
        due_at      TEXT,
        created_at  TEXT NOT NULL,
        CHECK ((status = 'pending') = (due_at IS NOT NULL))
      ) STRICT;

      CREATE INDEX snapshots_by_created_at ON snapshots (created_at, seq);
      CREATE INDEX snapshots_by_instance ON snapshots (instance_id, created_at, seq);
      CREATE INDEX snapshots_by_due_at ON snapshots (due_at) WHERE due_at IS NOT NULL;
    `);
  },
};
