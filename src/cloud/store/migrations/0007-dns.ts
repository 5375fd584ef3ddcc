import type { Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'dns domains and records',
  up(db) {
    db.exec(`
      -- A domain is addressed by its (normalized) name; seq orders insertion for pagination ties.
      CREATE TABLE domains (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        domain     TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX domains_by_created_at ON domains (created_at, seq);
      CREATE INDEX domains_by_domain ON domains (domain, seq);

      -- The route deletes a domain's records itself (to emit an event for each); the foreign key only
      -- guarantees no record outlives its domain.
      CREATE TABLE dns_records (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        id         TEXT NOT NULL UNIQUE,
        domain     TEXT NOT NULL REFERENCES domains (domain) ON DELETE CASCADE,
        type       TEXT NOT NULL,
        name       TEXT NOT NULL,
        data       TEXT NOT NULL,
        ttl        INTEGER NOT NULL,
        priority   INTEGER,
        created_at TEXT NOT NULL
      ) STRICT;
      -- Lists are always within one domain: these make each page an index range scan, and the second
      -- serves the same-name lookups of the CNAME rules.
      CREATE INDEX dns_records_by_created_at ON dns_records (domain, created_at, seq);
      CREATE INDEX dns_records_by_name ON dns_records (domain, name, seq);
    `);
  },
};
