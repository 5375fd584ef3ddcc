import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. Migrations are append-only: a released migration is never edited, a change
 * is a new file with the next number, so every database walks the same path to the same schema.
 */
export interface Migration {
  /** 1, 2, 3, ...: the file's number and the order of application. */
  readonly version: number;
  /** What the step does, recorded in `schema_migrations` for whoever inspects a database. */
  readonly name: string;
  readonly up: (db: Database) => void;
}
