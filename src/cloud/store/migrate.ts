import type { Database } from 'better-sqlite3';
import { nowIso } from '../time';
import type { Migration } from './migrations';

/** The database was written by a newer build, or the migration list itself is broken. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the database up to the newest version: each pending migration runs in its own transaction
 * together with its `schema_migrations` row, so a crash leaves the schema at a whole version.
 * Returns the versions that were applied.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  checkOrder(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT
  `);
  const current =
    (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new MigrationError(
      `the database is at schema version ${current} but this build knows only up to ${newest}; use a newer build`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, nowIso());
    })();
    applied.push(migration.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `migration "${migration.name}" has version ${migration.version} at position ${index + 1}; versions must be 1, 2, 3, ... without gaps`,
      );
    }
  });
}
