import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export const DATABASE_FILE_NAME = 'cloud.db';

/**
 * Opens (creating if needed) the cloud's database: `<dataDir>/cloud.db`, or an in-memory one when no
 * data directory is given, and migrates it to the newest schema.
 */
export function openDatabase(dataDir?: string): Database {
  let location = ':memory:';
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    location = join(dataDir, DATABASE_FILE_NAME);
  }
  const db = new BetterSqlite3(location);
  try {
    // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every commit, so a
    // write the API has answered survives kill -9 and power loss, not only a clean exit.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
