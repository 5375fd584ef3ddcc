import type { Database, Statement } from 'better-sqlite3';
import type { Block, BlockStatus } from '../../api';
import type { EventStore } from './events';
import { keysetPage, type Page, type SortOrder } from './pagination';

export interface BlockListRequest {
  readonly sort: 'created_at' | 'label';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly region?: string;
  readonly label?: string;
  readonly attachedToInstanceId?: string;
  readonly cursor?: string;
}

export interface BlockChanges {
  readonly label?: string;
  readonly size_gb?: number;
}

interface BlockRow {
  readonly seq: number;
  readonly id: string;
  readonly label: string;
  readonly region: string;
  readonly size_gb: number;
  readonly status: BlockStatus;
  readonly attached_to_instance_id: string | null;
  readonly due_at: string | null;
  readonly created_at: string;
}

function toBlock(row: BlockRow): Block {
  return {
    id: row.id,
    label: row.label,
    region: row.region,
    size_gb: row.size_gb,
    status: row.status,
    attached_to_instance_id: row.attached_to_instance_id,
    created_at: row.created_at,
  };
}

/**
 * Block storage volumes. Attaching and detaching emit `block.attached` / `block.detached` with data
 * `{ block, instance_id }` through the event outbox, so callers run these methods inside the transaction
 * of the request (nested transactions join it) and the change and its event commit together.
 *
 * A volume created with `attached_to_instance_id` shows that instance at once (the attachment is
 * reserved, so no other volume operation can take it), but the attachment completes, and
 * `block.attached` is emitted, when the volume becomes active.
 */
export class BlockStore {
  private readonly insertStatement: Statement<[Record<string, string | number | null>]>;
  private readonly byId: Statement<[string], BlockRow>;
  private readonly updateStatement: Statement<[Record<string, string | number>], BlockRow>;
  private readonly setAttachment: Statement<[string | null, string], BlockRow>;
  private readonly attachedTo: Statement<[string], BlockRow>;
  private readonly dueRows: Statement<[string], BlockRow>;
  private readonly activate: Statement<[string]>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly events: EventStore,
  ) {
    this.insertStatement = db.prepare(
      'INSERT INTO blocks (id, label, region, size_gb, status, attached_to_instance_id, due_at, created_at) ' +
        'VALUES (@id, @label, @region, @size_gb, @status, @attached_to_instance_id, @due_at, @created_at)',
    );
    this.byId = db.prepare('SELECT * FROM blocks WHERE id = ?');
    this.updateStatement = db.prepare(
      'UPDATE blocks SET label = @label, size_gb = @size_gb WHERE id = @id RETURNING *',
    );
    this.setAttachment = db.prepare('UPDATE blocks SET attached_to_instance_id = ? WHERE id = ? RETURNING *');
    this.attachedTo = db.prepare('SELECT * FROM blocks WHERE attached_to_instance_id = ? ORDER BY seq');
    this.dueRows = db.prepare(
      "SELECT * FROM blocks WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, seq",
    );
    this.activate = db.prepare("UPDATE blocks SET status = 'active', due_at = NULL WHERE id = ?");
    this.deleteStatement = db.prepare('DELETE FROM blocks WHERE id = ?');
  }

  /** Stores a new volume; a `pending` one becomes active at `dueAt` (see activateDue). */
  insert(block: Block, dueAt: string | null): void {
    this.insertStatement.run({ ...block, due_at: block.status === 'pending' ? dueAt : null });
  }

  get(id: string): Block | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toBlock(row);
  }

  /** Returns the changed volume, or undefined when there is none with this id. Size rules are the caller's. */
  update(id: string, changes: BlockChanges): Block | undefined {
    return this.db.transaction(() => {
      const row = this.byId.get(id);
      if (row === undefined) return undefined;
      const updated = this.updateStatement.get({
        id,
        label: changes.label ?? row.label,
        size_gb: changes.size_gb ?? row.size_gb,
      });
      return updated === undefined ? undefined : toBlock(updated);
    })();
  }

  /**
   * Attaches an active, detached volume and emits `block.attached`. The caller has checked the volume's
   * and the instance's state; returns undefined when there is no volume with this id.
   */
  attach(id: string, instanceId: string, nowIso: string): Block | undefined {
    return this.db.transaction(() => {
      const row = this.setAttachment.get(instanceId, id);
      if (row === undefined) return undefined;
      const block = toBlock(row);
      this.events.emit('block.attached', { block, instance_id: instanceId }, nowIso);
      return block;
    })();
  }

  /**
   * Detaches a volume. An active volume emits `block.detached`; a pending one only drops its reserved
   * attachment, which never completed. Returns undefined when there is no volume with this id.
   */
  detach(id: string, nowIso: string): Block | undefined {
    return this.db.transaction(() => {
      const before = this.byId.get(id);
      if (before === undefined) return undefined;
      if (before.attached_to_instance_id === null) return toBlock(before);
      return this.detachRow(before, nowIso);
    })();
  }

  /**
   * Detaches every volume attached to (or reserved for) the instance, emitting `block.detached` for each
   * active one. The instance store calls it in the transaction that deletes the instance. Returns the
   * detached volumes.
   */
  detachAllFrom(instanceId: string, nowIso: string): Block[] {
    return this.db.transaction(() =>
      this.attachedTo.all(instanceId).map((row) => this.detachRow(row, nowIso)),
    )();
  }

  /** The volumes attached to (or reserved for) an instance, oldest first. */
  listAttachedTo(instanceId: string): Block[] {
    return this.attachedTo.all(instanceId).map(toBlock);
  }

  /** Returns whether a volume was deleted. Whether it is attached is the caller's check. */
  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  /**
   * Moves every pending volume whose time has come to `active`, completing a reserved attachment (and
   * emitting `block.attached`). Idempotent: an active volume is never picked again.
   */
  activateDue(nowIso: string): Block[] {
    return this.db.transaction(() =>
      this.dueRows.all(nowIso).map((row) => {
        this.activate.run(row.id);
        const block: Block = { ...toBlock(row), status: 'active' };
        if (block.attached_to_instance_id !== null) {
          this.events.emit('block.attached', { block, instance_id: block.attached_to_instance_id }, nowIso);
        }
        return block;
      }),
    )();
  }

  list(request: BlockListRequest): Page<Block> {
    const page = keysetPage<BlockRow>(this.db, 'blocks', {
      sortColumn: request.sort,
      order: request.order,
      perPage: request.perPage,
      filters: {
        region: request.region,
        label: request.label,
        attached_to_instance_id: request.attachedToInstanceId,
      },
      cursor: request.cursor,
    });
    return { ...page, rows: page.rows.map(toBlock) };
  }

  private detachRow(row: BlockRow, nowIso: string): Block {
    const instanceId = row.attached_to_instance_id;
    const updated = this.setAttachment.get(null, row.id);
    const block = toBlock(updated ?? row);
    if (row.status === 'active' && instanceId !== null) {
      this.events.emit('block.detached', { block, instance_id: instanceId }, nowIso);
    }
    return block;
  }
}
