import type { Database } from 'better-sqlite3';
import { ApiKeyStore } from './api-keys';
import { openDatabase } from './database';
import { SshKeyStore } from './ssh-keys';

/** The cloud's state: one store per resource kind over one database. */
export class Store {
  readonly apiKeys: ApiKeyStore;
  readonly sshKeys: SshKeyStore;

  private constructor(readonly db: Database) {
    this.apiKeys = new ApiKeyStore(db);
    this.sshKeys = new SshKeyStore(db);
  }

  /** `<dataDir>/cloud.db`, or in memory when no directory is given. */
  static open(dataDir?: string): Store {
    return new Store(openDatabase(dataDir));
  }

  close(): void {
    this.db.close();
  }
}
