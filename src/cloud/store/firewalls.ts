import type { Database, Statement } from 'better-sqlite3';
import type { Firewall, InboundRule, OutboundRule } from '../../api';
import { keysetPage, type Page, type SortOrder } from './pagination';

/**
 * A firewall as stored: the wire shape without `instance_ids`, which is derived from the instances that
 * point here and so belongs to the instance store.
 */
export type FirewallRecord = Omit<Firewall, 'instance_ids'>;

/** What a PATCH changes: each field that is present replaces the stored one whole. */
export interface FirewallChanges {
  readonly name?: string;
  readonly inbound_rules?: readonly InboundRule[];
  readonly outbound_rules?: readonly OutboundRule[];
}

export interface FirewallListRequest {
  readonly sort: 'created_at' | 'name';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly name?: string;
  readonly cursor?: string;
}

interface FirewallRow {
  readonly seq: number;
  readonly id: string;
  readonly name: string;
  readonly inbound_rules: string;
  readonly outbound_rules: string;
  readonly created_at: string;
}

function toRecord(row: FirewallRow): FirewallRecord {
  return {
    id: row.id,
    name: row.name,
    inbound_rules: JSON.parse(row.inbound_rules) as InboundRule[],
    outbound_rules: JSON.parse(row.outbound_rules) as OutboundRule[],
    created_at: row.created_at,
  };
}

/** Firewalls of the account. Rules are stored already canonical; this store does not check them. */
export class FirewallStore {
  private readonly insertStatement: Statement<[Record<string, string>]>;
  private readonly byId: Statement<[string], FirewallRow>;
  private readonly updateStatement: Statement<[Record<string, string>], FirewallRow>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO firewalls (id, name, inbound_rules, outbound_rules, created_at) ' +
        'VALUES (@id, @name, @inbound_rules, @outbound_rules, @created_at)',
    );
    this.byId = db.prepare('SELECT * FROM firewalls WHERE id = ?');
    this.updateStatement = db.prepare(
      'UPDATE firewalls SET name = @name, inbound_rules = @inbound_rules, outbound_rules = @outbound_rules ' +
        'WHERE id = @id RETURNING *',
    );
    this.deleteStatement = db.prepare('DELETE FROM firewalls WHERE id = ?');
  }

  insert(firewall: FirewallRecord): void {
    this.insertStatement.run({
      id: firewall.id,
      name: firewall.name,
      inbound_rules: JSON.stringify(firewall.inbound_rules),
      outbound_rules: JSON.stringify(firewall.outbound_rules),
      created_at: firewall.created_at,
    });
  }

  get(id: string): FirewallRecord | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /**
   * Applies `changes` in one statement, so a rule list that is sent is swapped whole and the ones that are
   * not sent keep their stored value. Returns undefined when there is no firewall with this id.
   */
  update(id: string, changes: FirewallChanges): FirewallRecord | undefined {
    return this.db.transaction(() => {
      const row = this.byId.get(id);
      if (row === undefined) return undefined;
      const updated = this.updateStatement.get({
        id,
        name: changes.name ?? row.name,
        inbound_rules:
          changes.inbound_rules === undefined ? row.inbound_rules : JSON.stringify(changes.inbound_rules),
        outbound_rules:
          changes.outbound_rules === undefined ? row.outbound_rules : JSON.stringify(changes.outbound_rules),
      });
      return updated === undefined ? undefined : toRecord(updated);
    })();
  }

  /** Returns whether a firewall was deleted. Whether instances still use it is the caller's check. */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  list(request: FirewallListRequest): Page<FirewallRecord> {
    const page = keysetPage<FirewallRow>(this.db, 'firewalls', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: { name: request.name },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toRecord) };
  }
}
