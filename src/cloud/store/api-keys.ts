import type { Database, Statement } from 'better-sqlite3';
import type { ApiKey } from '../../api';
import { keysetPage, type Page, type SortOrder } from './pagination';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  /** The first characters of the secret, safe to show again. */
  readonly prefix: string;
  readonly permissions: readonly string[];
  /** ISO timestamp after which the key stops working; undefined: never. */
  readonly expiresAt?: string;
  /** Canonical CIDRs the key may be used from; undefined: anywhere. */
  readonly allowedIps?: readonly string[];
  readonly lastUsedAt?: string;
  readonly createdAt: string;
}

export interface NewApiKey extends Omit<ApiKeyRecord, 'lastUsedAt'> {
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  readonly secretSha256: string;
}

export interface ApiKeyListRequest {
  readonly sort: 'created_at' | 'name';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly name?: string;
  readonly cursor?: string;
}

interface ApiKeyRow {
  seq: number;
  id: string;
  name: string;
  prefix: string;
  secret_sha256: string;
  permissions: string;
  expires_at: string | null;
  allowed_ips: string | null;
  last_used_at: string | null;
  created_at: string;
}

type InsertRow = Omit<ApiKeyRow, 'seq' | 'last_used_at'>;

/** API keys: how requests authenticate. Looked up by the hash of the presented secret. */
export class ApiKeyStore {
  private readonly insertStatement: Statement<[InsertRow]>;
  private readonly byId: Statement<[string], ApiKeyRow>;
  private readonly bySecretHash: Statement<[string], ApiKeyRow>;
  private readonly byNameStatement: Statement<[string], ApiKeyRow>;
  private readonly secretHashById: Statement<[string], { secret_sha256: string }>;
  private readonly replaceSecretStatement: Statement<[string, string, string]>;
  private readonly touchStatement: Statement<[string, string]>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO api_keys (id, name, prefix, secret_sha256, permissions, expires_at, allowed_ips, created_at) ' +
        'VALUES (@id, @name, @prefix, @secret_sha256, @permissions, @expires_at, @allowed_ips, @created_at)',
    );
    this.byId = db.prepare('SELECT * FROM api_keys WHERE id = ?');
    this.bySecretHash = db.prepare('SELECT * FROM api_keys WHERE secret_sha256 = ?');
    this.byNameStatement = db.prepare('SELECT * FROM api_keys WHERE name = ? ORDER BY seq LIMIT 1');
    this.secretHashById = db.prepare('SELECT secret_sha256 FROM api_keys WHERE id = ?');
    this.replaceSecretStatement = db.prepare(
      'UPDATE api_keys SET prefix = ?, secret_sha256 = ? WHERE id = ?',
    );
    this.touchStatement = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
    this.deleteStatement = db.prepare('DELETE FROM api_keys WHERE id = ?');
  }

  insert(key: NewApiKey): void {
    this.insertStatement.run({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      secret_sha256: key.secretSha256,
      permissions: JSON.stringify(key.permissions),
      expires_at: key.expiresAt ?? null,
      allowed_ips: key.allowedIps === undefined ? null : JSON.stringify(key.allowedIps),
      created_at: key.createdAt,
    });
  }

  get(id: string): ApiKeyRecord | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  findBySecretHash(secretSha256: string): ApiKeyRecord | undefined {
    const row = this.bySecretHash.get(secretSha256);
    return row === undefined ? undefined : toRecord(row);
  }

  /** The oldest key with this name. */
  findByName(name: string): ApiKeyRecord | undefined {
    const row = this.byNameStatement.get(name);
    return row === undefined ? undefined : toRecord(row);
  }

  secretHashOf(id: string): string | undefined {
    return this.secretHashById.get(id)?.secret_sha256;
  }

  /** Gives a key a new secret; the old one stops working at once. */
  replaceSecret(id: string, prefix: string, secretSha256: string): void {
    this.replaceSecretStatement.run(prefix, secretSha256, id);
  }

  /** Records a use of the key at `atIso`. */
  recordUse(id: string, atIso: string): void {
    this.touchStatement.run(atIso, id);
  }

  /** Returns whether a key was deleted; its secret stops working with the next request. */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  list(request: ApiKeyListRequest): Page<ApiKeyRecord> {
    const page = keysetPage<ApiKeyRow>(this.db, 'api_keys', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: { name: request.name },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toRecord) };
  }
}

/** The wire shape of a key: everything but the secret's hash. */
export function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    permissions: [...record.permissions],
    expires_at: record.expiresAt ?? null,
    allowed_ips: record.allowedIps === undefined ? null : [...record.allowedIps],
    last_used_at: record.lastUsedAt ?? null,
    created_at: record.createdAt,
  };
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: JSON.parse(row.permissions) as string[],
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.allowed_ips === null ? {} : { allowedIps: JSON.parse(row.allowed_ips) as string[] }),
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    createdAt: row.created_at,
  };
}
