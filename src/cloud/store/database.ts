import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { ensurePrivateDirectory, ensurePrivateFile } from '../private-files';

export const DATABASE_FILE_NAME = 'cloud.db';

/**
 * Opens (creating if needed) the cloud's database: `<dataDir>/cloud.db`, or an in-memory one when no
 * data directory is given, and migrates it to the newest schema.
 */
export function openDatabase(dataDir?: string): Database {
  let location = ':memory:';
  if (dataDir !== undefined) {
    ensurePrivateDirectory(dataDir);
    location = join(dataDir, DATABASE_FILE_NAME);
    // SQLite creates the database 0644 and gives its -wal and -shm files the database's own mode, so a
    // database that already exists as 0600 keeps all three private whatever the umask.
    ensurePrivateFile(location);
  }
  const db = new BetterSqlite3(location);
  try {
    // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every commit, so a
    // write the API has answered survives kill -9 and power loss, not only a clean exit.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted rows (an expired idempotency record, a deleted webhook and its secret) are overwritten
    // instead of lingering in free pages of the file.
    db.pragma('secure_delete = ON');
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
