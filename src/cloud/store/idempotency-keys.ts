import type { Database, Statement } from 'better-sqlite3';

/** The first answer to a POST sent with an Idempotency-Key, kept to be replayed. */
export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The JSON body sealed under the caller (src/cloud/http/replay-seal.ts): it may hold a secret, so it is
   * never stored in the clear. Undefined for an answer without a body.
   */
  readonly sealedBody?: Buffer;
}

export interface IdempotencyRecord {
  readonly apiKeyId: string;
  readonly key: string;
  /** SHA-256 of the request (method, path, canonical body): a replay must match it. */
  readonly fingerprint: string;
  readonly answer: StoredAnswer;
  readonly createdAt: string;
  readonly expiresAt: string;
}

interface IdempotencyRow {
  api_key_id: string;
  key: string;
  fingerprint: string;
  status: number;
  headers: string;
  sealed_body: Buffer | null;
  created_at: string;
  expires_at: string;
}

/** Idempotency keys, scoped per API key: two keys may use the same Idempotency-Key independently. */
export class IdempotencyKeyStore {
  private readonly findStatement: Statement<[string, string, string], IdempotencyRow>;
  private readonly saveStatement: Statement<[IdempotencyRow]>;
  private readonly purgeStatement: Statement<[string]>;

  constructor(db: Database) {
    this.findStatement = db.prepare(
      'SELECT * FROM idempotency_keys WHERE api_key_id = ? AND key = ? AND expires_at > ?',
    );
    // REPLACE: an expired record under the same key is overwritten by the new first answer.
    this.saveStatement = db.prepare(
      'INSERT OR REPLACE INTO idempotency_keys ' +
        '(api_key_id, key, fingerprint, status, headers, sealed_body, created_at, expires_at) ' +
        'VALUES (@api_key_id, @key, @fingerprint, @status, @headers, @sealed_body, @created_at, @expires_at)',
    );
    this.purgeStatement = db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?');
  }

  /** The record for this key that has not expired at `nowIso`. */
  find(apiKeyId: string, key: string, nowIso: string): IdempotencyRecord | undefined {
    const row = this.findStatement.get(apiKeyId, key, nowIso);
    if (row === undefined) return undefined;
    return {
      apiKeyId: row.api_key_id,
      key: row.key,
      fingerprint: row.fingerprint,
      answer: {
        status: row.status,
        headers: JSON.parse(row.headers) as Record<string, string>,
        ...(row.sealed_body === null ? {} : { sealedBody: row.sealed_body }),
      },
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  save(record: IdempotencyRecord): void {
    this.saveStatement.run({
      api_key_id: record.apiKeyId,
      key: record.key,
      fingerprint: record.fingerprint,
      status: record.answer.status,
      headers: JSON.stringify(record.answer.headers),
      sealed_body: record.answer.sealedBody ?? null,
      created_at: record.createdAt,
      expires_at: record.expiresAt,
    });
  }

  /** Deletes every record expired at `nowIso`; returns how many. */
  purgeExpired(nowIso: string): number {
    return this.purgeStatement.run(nowIso).changes;
  }
}
