import type { Database, Statement } from 'better-sqlite3';
import type { Domain } from '../../api';
import { keysetPage, type Page, type SortOrder } from './pagination';

/** The domain is already registered in this cloud. */
export class DuplicateDomainError extends Error {
  constructor(readonly domain: string) {
    super(`the domain ${domain} is already registered`);
    this.name = 'DuplicateDomainError';
  }
}

export interface DomainListRequest {
  readonly sort: 'created_at' | 'domain';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly cursor?: string;
}

interface DomainRow extends Domain {
  readonly seq: number;
}

function toDomain(row: DomainRow): Domain {
  return { domain: row.domain, created_at: row.created_at };
}

/** DNS domains of the account, keyed by their normalized name (this store does not normalize). */
export class DomainStore {
  private readonly insertStatement: Statement<[Domain]>;
  private readonly byName: Statement<[string], DomainRow>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO domains (domain, created_at) VALUES (@domain, @created_at)',
    );
    this.byName = db.prepare('SELECT * FROM domains WHERE domain = ?');
    this.deleteStatement = db.prepare('DELETE FROM domains WHERE domain = ?');
  }

  /** Stores a new domain; throws DuplicateDomainError when it is already registered. */
  insert(domain: Domain): void {
    try {
      this.insertStatement.run(domain);
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DuplicateDomainError(domain.domain);
      }
      throw error;
    }
  }

  get(domain: string): Domain | undefined {
    const row = this.byName.get(domain);
    return row === undefined ? undefined : toDomain(row);
  }

  /** Returns whether a domain was deleted. Its records go with it (foreign key cascade). */
  delete(domain: string): boolean {
    return this.deleteStatement.run(domain).changes > 0;
  }

  list(request: DomainListRequest): Page<Domain> {
    const page = keysetPage<DomainRow>(this.db, 'domains', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: {},
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toDomain) };
  }
}
