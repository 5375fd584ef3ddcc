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

/** The wire shape plus `seq`, the insertion order that pagination uses to break ties. */
interface SshKeyRow extends SshKey {
  readonly seq: number;
}

function toSshKey(row: SshKeyRow): SshKey {
  return {
    id: row.id,
    name: row.name,
    public_key: row.public_key,
    fingerprint: row.fingerprint,
    created_at: row.created_at,
  };
}

/**
 * SSH keys of the account. One account per local cloud, so the key material (its fingerprint) is
 * unique across the table.
 */
export class SshKeyStore {
  private readonly insertStatement: Statement<[SshKey]>;
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
    const row = this.byId.get(id);
    return row === undefined ? undefined : toSshKey(row);
  }

  /** Returns the renamed key, or undefined when there is no key with this id. */
  rename(id: string, name: string): SshKey | undefined {
    const row = this.renameStatement.get(name, id);
    return row === undefined ? undefined : toSshKey(row);
  }

  /** Returns whether a key was deleted. */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  list(request: SshKeyListRequest): Page<SshKey> {
    const page = keysetPage<SshKeyRow>(this.db, 'ssh_keys', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: { name: request.name },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toSshKey) };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
