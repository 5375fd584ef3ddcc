import type { Database, Statement } from 'better-sqlite3';
import type { SshKey } from '../../api';
import { keysetPage, type Page, type SortOrder } from './pagination';

/** The key material is already registered; `existingId` is the key that holds it. */
export class DuplicateSshKeyError extends Error {
  constructor(readonly existingId: string) {
    super(`this public key is already registered as ${existingId}`);
    this.name = 'DuplicateSshKeyError';
  }
}

export interface SshKeyListRequest {
  readonly sort: 'created_at' | 'name';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly name?: string;
  readonly cursor?: string;
}

/** Rows are stored in their wire shape: the columns are exactly the fields of `SshKey`. */
type SshKeyRow = SshKey;

/**
 * SSH keys of the account. One account per local cloud, so the key material (its fingerprint) is
 * unique across the table.
 */
export class SshKeyStore {
  private readonly insertStatement: Statement<[SshKeyRow]>;
  private readonly byId: Statement<[string], SshKeyRow>;
  private readonly byFingerprint: Statement<[string], SshKeyRow>;
  private readonly renameStatement: Statement<[string, string], SshKeyRow>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO ssh_keys (id, name, public_key, fingerprint, created_at) ' +
        'VALUES (@id, @name, @public_key, @fingerprint, @created_at)',
    );
    this.byId = db.prepare('SELECT * FROM ssh_keys WHERE id = ?');
    this.byFingerprint = db.prepare('SELECT * FROM ssh_keys WHERE fingerprint = ?');
    this.renameStatement = db.prepare('UPDATE ssh_keys SET name = ? WHERE id = ? RETURNING *');
    this.deleteStatement = db.prepare('DELETE FROM ssh_keys WHERE id = ?');
  }

  /** Stores a new key; throws DuplicateSshKeyError when its fingerprint is already registered. */
  insert(key: SshKey): void {
    const existing = this.byFingerprint.get(key.fingerprint);
    if (existing !== undefined) throw new DuplicateSshKeyError(existing.id);
    try {
      this.insertStatement.run(key);
    } catch (error) {
      // Another process sharing the database file may have inserted the same key in between.
      const raced = isUniqueViolation(error) ? this.byFingerprint.get(key.fingerprint) : undefined;
      if (raced !== undefined) throw new DuplicateSshKeyError(raced.id);
      throw error;
    }
  }

  get(id: string): SshKey | undefined {
    return this.byId.get(id);
  }

  /** Returns the renamed key, or undefined when there is no key with this id. */
  rename(id: string, name: string): SshKey | undefined {
    return this.renameStatement.get(name, id);
  }

  /** Returns whether a key was deleted. */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  list(request: SshKeyListRequest): Page<SshKey> {
    return keysetPage<SshKeyRow>(this.db, 'ssh_keys', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: { name: request.name },
      cursor: request.cursor,
    });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
