import type { Database, Statement } from 'better-sqlite3';
import type { DnsRecord, DnsRecordType } from '../../api';
import { keysetPage, type Page, type SortOrder } from './pagination';

export interface DnsRecordListRequest {
  readonly domain: string;
  readonly sort: 'created_at' | 'name';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly type?: DnsRecordType;
  readonly name?: string;
  readonly cursor?: string;
}

interface DnsRecordRow extends DnsRecord {
  readonly seq: number;
}

function toRecord(row: DnsRecordRow): DnsRecord {
  return {
    id: row.id,
    domain: row.domain,
    type: row.type,
    name: row.name,
    data: row.data,
    ttl: row.ttl,
    priority: row.priority,
    created_at: row.created_at,
  };
}

/**
 * Records of every domain. Records are stored already normalized and checked against each other; this
 * store neither validates nor enforces the CNAME rules. Every lookup is scoped to a domain, so a record id
 * used under another domain's path is simply not found.
 */
export class DnsRecordStore {
  private readonly insertStatement: Statement<[DnsRecord]>;
  private readonly byId: Statement<[string, string], DnsRecordRow>;
  private readonly byName: Statement<[string, string], DnsRecordRow>;
  private readonly ofDomain: Statement<[string], DnsRecordRow>;
  private readonly updateStatement: Statement<[DnsRecord], DnsRecordRow>;
  private readonly deleteStatement: Statement<[string, string]>;

  constructor(private readonly db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO dns_records (id, domain, type, name, data, ttl, priority, created_at) ' +
        'VALUES (@id, @domain, @type, @name, @data, @ttl, @priority, @created_at)',
    );
    this.byId = db.prepare('SELECT * FROM dns_records WHERE domain = ? AND id = ?');
    this.byName = db.prepare('SELECT * FROM dns_records WHERE domain = ? AND name = ? ORDER BY seq');
    this.ofDomain = db.prepare('SELECT * FROM dns_records WHERE domain = ? ORDER BY seq');
    this.updateStatement = db.prepare(
      'UPDATE dns_records SET name = @name, data = @data, ttl = @ttl, priority = @priority ' +
        'WHERE domain = @domain AND id = @id RETURNING *',
    );
    this.deleteStatement = db.prepare('DELETE FROM dns_records WHERE domain = ? AND id = ?');
  }

  insert(record: DnsRecord): void {
    this.insertStatement.run(record);
  }

  get(domain: string, id: string): DnsRecord | undefined {
    const row = this.byId.get(domain, id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** The records of `domain` with this relative name, oldest first: what the CNAME rules look at. */
  atName(domain: string, name: string): DnsRecord[] {
    return this.byName.all(domain, name).map(toRecord);
  }

  /** Every record of `domain`, oldest first. */
  allOf(domain: string): DnsRecord[] {
    return this.ofDomain.all(domain).map(toRecord);
  }

  /** Writes the mutable fields (name, data, ttl, priority); undefined when the record does not exist. */
  update(record: DnsRecord): DnsRecord | undefined {
    const row = this.updateStatement.get(record);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Returns whether a record was deleted. */
  delete(domain: string, id: string): boolean {
    return this.deleteStatement.run(domain, id).changes > 0;
  }

  list(request: DnsRecordListRequest): Page<DnsRecord> {
    const page = keysetPage<DnsRecordRow>(this.db, 'dns_records', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: { domain: request.domain, type: request.type, name: request.name },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toRecord) };
  }
}
