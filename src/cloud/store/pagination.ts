import type { Database } from 'better-sqlite3';

export type SortOrder = 'asc' | 'desc';

/** A cursor that cannot be used: not one we issued, or issued for another sort, order or filter. */
export class InvalidCursorError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidCursorError';
  }
}

/** One page of a list request, in store terms. */
export interface PageRequest {
  /** Column to sort by; must be one the calling store whitelists, never user text. */
  readonly sortColumn: string;
  readonly order: SortOrder;
  readonly perPage: number;
  /** Exact-match filters; `undefined` values are ignored. Column names come from the store, never the user. */
  readonly filters: Readonly<Record<string, string | undefined>>;
  readonly cursor?: string;
}

export interface Page<Row> {
  readonly rows: Row[];
  /** Rows matching the filters across all pages. */
  readonly total: number;
  readonly nextCursor: string | null;
}

/** What a cursor carries: the query it belongs to and the last row handed out. */
interface CursorPayload {
  readonly v: 1;
  readonly sort: string;
  readonly order: SortOrder;
  readonly filters: Record<string, string>;
  /** Sort value and seq of the last row of the previous page. */
  readonly after: readonly [string | number, number];
}

const CURSOR_VERSION = 1;

/**
 * Keyset pagination: a page is "the next `perPage` rows after (sort value, seq) of the last row handed
 * out", never an offset. Inserting or deleting other rows therefore cannot shift a later page, so no row
 * that exists throughout a walk is skipped or repeated. The table must have an `INTEGER PRIMARY KEY
 * AUTOINCREMENT` column named `seq`: it breaks ties between equal sort values in insertion order.
 */
export function keysetPage<Row extends { seq: number }>(
  db: Database,
  table: string,
  request: PageRequest,
): Page<Row> {
  const filters = activeFilters(request.filters);
  const after =
    request.cursor === undefined ? undefined : decodeCursor(request.cursor, request, filters).after;

  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const [column, value] of Object.entries(filters)) {
    where.push(`${column} = ?`);
    params.push(value);
  }
  const filterSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const direction = request.order === 'asc' ? 'ASC' : 'DESC';
  const comparison = request.order === 'asc' ? '>' : '<';
  const keyset = after === undefined ? '' : `(${request.sortColumn}, seq) ${comparison} (?, ?)`;
  const pageWhere = [...where, ...(keyset === '' ? [] : [keyset])];
  const pageSql =
    `SELECT * FROM ${table} ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''} ` +
    `ORDER BY ${request.sortColumn} ${direction}, seq ${direction} LIMIT ?`;

  return db.transaction(() => {
    const total = (
      db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${filterSql}`).get(...params) as { n: number }
    ).n;
    // One row more than asked tells whether another page exists without a second query.
    const fetched = db.prepare(pageSql).all(...params, ...(after ?? []), request.perPage + 1) as Row[];
    const rows = fetched.slice(0, request.perPage);
    const last = rows.at(-1);
    const nextCursor =
      fetched.length > request.perPage && last !== undefined
        ? encodeCursor({
            v: CURSOR_VERSION,
            sort: request.sortColumn,
            order: request.order,
            filters,
            after: [(last as Record<string, unknown>)[request.sortColumn] as string | number, last.seq],
          })
        : null;
    return { rows, total, nextCursor };
  })();
}

function activeFilters(filters: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const active: Record<string, string> = {};
  for (const [column, value] of Object.entries(filters)) if (value !== undefined) active[column] = value;
  return active;
}

function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, request: PageRequest, filters: Record<string, string>): CursorPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(
      'is not a cursor this API issued; pass meta.next_cursor from the previous page',
    );
  }
  if (!isCursorPayload(payload)) {
    throw new InvalidCursorError(
      'is not a cursor this API issued; pass meta.next_cursor from the previous page',
    );
  }
  const sameQuery =
    payload.sort === request.sortColumn &&
    payload.order === request.order &&
    JSON.stringify(sortedEntries(payload.filters)) === JSON.stringify(sortedEntries(filters));
  if (!sameQuery) {
    throw new InvalidCursorError(
      'was issued for a different sort, order or filter; pass the same ones as for the first page',
    );
  }
  return payload;
}

function sortedEntries(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  const after = p.after;
  return (
    p.v === CURSOR_VERSION &&
    typeof p.sort === 'string' &&
    (p.order === 'asc' || p.order === 'desc') &&
    typeof p.filters === 'object' &&
    p.filters !== null &&
    Object.values(p.filters).every((v) => typeof v === 'string') &&
    Array.isArray(after) &&
    after.length === 2 &&
    (typeof after[0] === 'string' || typeof after[0] === 'number') &&
    Number.isSafeInteger(after[1])
  );
}
