import type { Database, Statement } from 'better-sqlite3';
import type { Snapshot, SnapshotStatus } from '../../api';
import type { EventStore } from './events';
import { keysetPage, type Page, type SortOrder } from './pagination';

export interface SnapshotListRequest {
  readonly order: SortOrder;
  readonly perPage: number;
  readonly instanceId?: string;
  readonly cursor?: string;
}

interface SnapshotRow {
  readonly seq: number;
  readonly id: string;
  readonly instance_id: string;
  readonly description: string | null;
  readonly status: SnapshotStatus;
  readonly size_gb: number;
  readonly due_at: string | null;
  readonly created_at: string;
}

function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    id: row.id,
    instance_id: row.instance_id,
    description: row.description,
    status: row.status,
    size_gb: row.size_gb,
    created_at: row.created_at,
  };
}

/**
 * Snapshots of instances. A snapshot keeps its `instance_id` after the instance is deleted (snapshots
 * outlive their instance). Completion emits `instance.snapshot_completed` with `{ snapshot }`.
 */
export class SnapshotStore {
  private readonly insertStatement: Statement<[Record<string, string | number | null>]>;
  private readonly byId: Statement<[string], SnapshotRow>;
  private readonly dueRows: Statement<[string], SnapshotRow>;
  private readonly completeStatement: Statement<[string], SnapshotRow>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly events: EventStore,
  ) {
    this.insertStatement = db.prepare(
      'INSERT INTO snapshots (id, instance_id, description, status, size_gb, due_at, created_at) ' +
        "VALUES (@id, @instance_id, @description, 'pending', @size_gb, @due_at, @created_at)",
    );
    this.byId = db.prepare('SELECT * FROM snapshots WHERE id = ?');
    this.dueRows = db.prepare(
      'SELECT * FROM snapshots WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, seq',
    );
    this.completeStatement = db.prepare(
      "UPDATE snapshots SET status = 'complete', due_at = NULL WHERE id = ? RETURNING *",
    );
    this.deleteStatement = db.prepare('DELETE FROM snapshots WHERE id = ?');
  }

  /** Stores a new `pending` snapshot that completes at `dueAt`. */
  insert(snapshot: Omit<Snapshot, 'status'>, dueAt: string): Snapshot {
    this.insertStatement.run({ ...snapshot, due_at: dueAt });
    return { ...snapshot, status: 'pending' };
  }

  get(id: string): Snapshot | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toSnapshot(row);
  }

  /** Returns whether a snapshot was deleted; a pending one is simply abandoned (no event). */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  /** Completes every snapshot due at `nowIso`, emitting `instance.snapshot_completed`. Idempotent. */
  completeDue(nowIso: string): void {
    this.db.transaction(() => {
      for (const row of this.dueRows.all(nowIso)) {
        const completed = this.completeStatement.get(row.id);
        if (completed === undefined) continue;
        this.events.emit('instance.snapshot_completed', { snapshot: toSnapshot(completed) }, nowIso);
      }
    })();
  }

  list(request: SnapshotListRequest): Page<Snapshot> {
    const page = keysetPage<SnapshotRow>(this.db, 'snapshots', {
      sortColumn: 'created_at',
      order: request.order,
      perPage: request.perPage,
      filters: { instance_id: request.instanceId },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toSnapshot) };
  }
}
