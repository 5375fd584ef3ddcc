import type { Database, Statement } from 'better-sqlite3';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  /** The first characters of the secret, safe to show again. */
  readonly prefix: string;
  readonly permissions: readonly string[];
  readonly createdAt: string;
}

export interface NewApiKey extends ApiKeyRecord {
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  readonly secretSha256: string;
}

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  secret_sha256: string;
  permissions: string;
  created_at: string;
}

/** API keys: how requests authenticate. Looked up by the hash of the presented secret. */
export class ApiKeyStore {
  private readonly insertStatement: Statement<[ApiKeyRow]>;
  private readonly bySecretHash: Statement<[string], ApiKeyRow>;
  private readonly byNameStatement: Statement<[string], ApiKeyRow>;
  private readonly secretHashById: Statement<[string], { secret_sha256: string }>;
  private readonly replaceSecretStatement: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO api_keys (id, name, prefix, secret_sha256, permissions, created_at) ' +
        'VALUES (@id, @name, @prefix, @secret_sha256, @permissions, @created_at)',
    );
    this.bySecretHash = db.prepare('SELECT * FROM api_keys WHERE secret_sha256 = ?');
    this.byNameStatement = db.prepare(
      'SELECT * FROM api_keys WHERE name = ? ORDER BY created_at, id LIMIT 1',
    );
    this.secretHashById = db.prepare('SELECT secret_sha256 FROM api_keys WHERE id = ?');
    this.replaceSecretStatement = db.prepare(
      'UPDATE api_keys SET prefix = ?, secret_sha256 = ? WHERE id = ?',
    );
  }

  insert(key: NewApiKey): void {
    this.insertStatement.run({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      secret_sha256: key.secretSha256,
      permissions: JSON.stringify(key.permissions),
      created_at: key.createdAt,
    });
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
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: JSON.parse(row.permissions) as string[],
    createdAt: row.created_at,
  };
}
