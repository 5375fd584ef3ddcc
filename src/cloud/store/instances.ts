import { randomInt } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Instance, InstanceStatus, PowerStatus } from '../../api';
import { findPlan } from '../catalog';
import type { BlockStore } from './blocks';
import type { EventStore } from './events';
import { keysetPage, type Page, type SortOrder } from './pagination';

/** The slow operation an instance is going through; at most one at a time. */
export type InstanceAction = 'provision' | 'resize' | 'start' | 'stop' | 'reboot';

/** No IPv4 address of the pool is free: every one is held by an instance. */
export class AddressPoolExhaustedError extends Error {
  constructor(readonly poolSize: number) {
    super(`all ${poolSize} IPv4 addresses are held by instances`);
    this.name = 'AddressPoolExhaustedError';
  }
}

/**
 * The public IPv4 pool: the two documentation ranges the contract names, without network and broadcast
 * addresses (508 in all). Addresses are handed out lowest first and come back when their instance is
 * deleted.
 */
export const IPV4_POOL: readonly string[] = ['203.0.113', '198.51.100'].flatMap((prefix) =>
  Array.from({ length: 254 }, (_, i) => `${prefix}.${i + 1}`),
);

/** What a new instance is made of; the store adds addresses, status and timestamps. */
export interface NewInstance {
  readonly id: string;
  readonly label: string;
  readonly hostname: string;
  readonly region: string;
  readonly plan: string;
  readonly image: string;
  readonly vcpu_count: number;
  readonly ram_mb: number;
  readonly disk_gb: number;
  readonly ssh_key_ids: readonly string[];
  readonly firewall_id: string | null;
  readonly tags: readonly string[];
  readonly backups: boolean;
  readonly user_data_sha256: string | null;
  readonly enable_ipv6: boolean;
}

/** What a PATCH changes without a plan change; present fields replace the stored ones. */
export interface InstanceChanges {
  readonly label?: string;
  readonly tags?: readonly string[];
  readonly firewall_id?: string | null;
  readonly backups?: boolean;
}

/** An instance with the operation it is going through (null when idle). */
export interface InstanceState {
  readonly instance: Instance;
  readonly action: InstanceAction | null;
}

export interface InstanceListRequest {
  readonly sort: 'created_at' | 'label';
  readonly order: SortOrder;
  readonly perPage: number;
  readonly label?: string;
  readonly region?: string;
  readonly status?: InstanceStatus;
  readonly tag?: string;
  readonly cursor?: string;
}

interface InstanceRow {
  readonly seq: number;
  readonly id: string;
  readonly label: string;
  readonly hostname: string;
  readonly region: string;
  readonly plan: string;
  readonly image: string;
  readonly status: InstanceStatus;
  readonly power_status: PowerStatus;
  readonly ipv4: string;
  readonly ipv6: string | null;
  readonly vcpu_count: number;
  readonly ram_mb: number;
  readonly disk_gb: number;
  readonly ssh_key_ids: string;
  readonly firewall_id: string | null;
  readonly tags: string;
  readonly backups: number;
  readonly user_data_sha256: string | null;
  readonly action: InstanceAction | null;
  readonly action_due_at: string | null;
  readonly resize_plan: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** Addresses are reserved at creation but only shown once provisioning has assigned them. */
function toInstance(row: InstanceRow): Instance {
  const provisioned = row.status !== 'pending';
  return {
    id: row.id,
    label: row.label,
    hostname: row.hostname,
    region: row.region,
    plan: row.plan,
    image: row.image,
    status: row.status,
    power_status: row.power_status,
    ipv4: provisioned ? row.ipv4 : null,
    ipv6: provisioned ? row.ipv6 : null,
    vcpu_count: row.vcpu_count,
    ram_mb: row.ram_mb,
    disk_gb: row.disk_gb,
    ssh_key_ids: JSON.parse(row.ssh_key_ids) as string[],
    firewall_id: row.firewall_id,
    tags: JSON.parse(row.tags) as string[],
    backups: row.backups === 1,
    user_data_sha256: row.user_data_sha256,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Instances of the account, their addresses and their slow operations. Completing an operation emits
 * its event through the outbox (`{ instance }` as it is after the change), and deleting an instance
 * detaches its block volumes first, all in the caller's transaction (nested transactions join it).
 */
export class InstanceStore {
  private readonly insertStatement: Statement<[Record<string, string | number | null>]>;
  private readonly byId: Statement<[string], InstanceRow>;
  private readonly heldIpv4: Statement<[], { ipv4: string }>;
  private readonly ipv6Taken: Statement<[string], { one: number }>;
  private readonly updateStatement: Statement<[Record<string, string | number | null>], InstanceRow>;
  private readonly beginAction: Statement<[Record<string, string | null>], InstanceRow>;
  private readonly dueRows: Statement<[string], InstanceRow>;
  private readonly finishAction: Statement<[Record<string, string | number>], InstanceRow>;
  private readonly deleteStatement: Statement<[string]>;
  private readonly byFirewall: Statement<[string], { id: string }>;

  constructor(
    private readonly db: Database,
    private readonly events: EventStore,
    private readonly blocks: BlockStore,
  ) {
    this.insertStatement = db.prepare(
      'INSERT INTO instances (id, label, hostname, region, plan, image, status, power_status, ipv4, ipv6, ' +
        'vcpu_count, ram_mb, disk_gb, ssh_key_ids, firewall_id, tags, backups, user_data_sha256, action, ' +
        'action_due_at, created_at, updated_at) VALUES (@id, @label, @hostname, @region, @plan, @image, ' +
        "'pending', 'stopped', @ipv4, @ipv6, @vcpu_count, @ram_mb, @disk_gb, @ssh_key_ids, @firewall_id, " +
        "@tags, @backups, @user_data_sha256, 'provision', @due_at, @now, @now)",
    );
    this.byId = db.prepare('SELECT * FROM instances WHERE id = ?');
    this.heldIpv4 = db.prepare('SELECT ipv4 FROM instances');
    this.ipv6Taken = db.prepare('SELECT 1 AS one FROM instances WHERE ipv6 = ?');
    this.updateStatement = db.prepare(
      'UPDATE instances SET label = @label, tags = @tags, firewall_id = @firewall_id, backups = @backups, ' +
        'updated_at = @now WHERE id = @id RETURNING *',
    );
    this.beginAction = db.prepare(
      'UPDATE instances SET action = @action, action_due_at = @due_at, resize_plan = @resize_plan, ' +
        "status = CASE WHEN @action = 'resize' THEN 'resizing' ELSE status END, updated_at = @now " +
        'WHERE id = @id RETURNING *',
    );
    this.dueRows = db.prepare(
      'SELECT * FROM instances WHERE action_due_at IS NOT NULL AND action_due_at <= ? ' +
        'ORDER BY action_due_at, seq',
    );
    this.finishAction = db.prepare(
      'UPDATE instances SET status = @status, power_status = @power_status, plan = @plan, ' +
        'vcpu_count = @vcpu_count, ram_mb = @ram_mb, disk_gb = @disk_gb, action = NULL, ' +
        'action_due_at = NULL, resize_plan = NULL, updated_at = @now WHERE id = @id RETURNING *',
    );
    this.deleteStatement = db.prepare('DELETE FROM instances WHERE id = ?');
    this.byFirewall = db.prepare('SELECT id FROM instances WHERE firewall_id = ? ORDER BY seq');
  }

  /**
   * Stores a new `pending` instance whose provisioning completes at `dueAt`, reserving its addresses.
   * Throws AddressPoolExhaustedError when no IPv4 address is free.
   */
  create(draft: NewInstance, nowIso: string, dueAt: string): Instance {
    return this.db.transaction(() => {
      const ipv4 = this.freeIpv4();
      this.insertStatement.run({
        id: draft.id,
        label: draft.label,
        hostname: draft.hostname,
        region: draft.region,
        plan: draft.plan,
        image: draft.image,
        ipv4,
        ipv6: draft.enable_ipv6 ? this.freeIpv6() : null,
        vcpu_count: draft.vcpu_count,
        ram_mb: draft.ram_mb,
        disk_gb: draft.disk_gb,
        ssh_key_ids: JSON.stringify(draft.ssh_key_ids),
        firewall_id: draft.firewall_id,
        tags: JSON.stringify(draft.tags),
        backups: draft.backups ? 1 : 0,
        user_data_sha256: draft.user_data_sha256,
        due_at: dueAt,
        now: nowIso,
      });
      return toInstance(this.mustGet(draft.id));
    })();
  }

  get(id: string): Instance | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toInstance(row);
  }

  /** The instance and the operation in flight, for callers that refuse to act on a busy instance. */
  getState(id: string): InstanceState | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : { instance: toInstance(row), action: row.action };
  }

  /** Ids of the instances whose firewall is `firewallId`, oldest first (a firewall's `instance_ids`). */
  idsUsingFirewall(firewallId: string): string[] {
    return this.byFirewall.all(firewallId).map((row) => row.id);
  }

  /** Applies metadata changes at once; returns undefined when there is no instance with this id. */
  update(id: string, changes: InstanceChanges, nowIso: string): Instance | undefined {
    return this.db.transaction(() => {
      const row = this.byId.get(id);
      if (row === undefined) return undefined;
      const updated = this.updateStatement.get({
        id,
        label: changes.label ?? row.label,
        tags: changes.tags === undefined ? row.tags : JSON.stringify(changes.tags),
        firewall_id: changes.firewall_id === undefined ? row.firewall_id : changes.firewall_id,
        backups: changes.backups === undefined ? row.backups : changes.backups ? 1 : 0,
        now: nowIso,
      });
      return updated === undefined ? undefined : toInstance(updated);
    })();
  }

  /**
   * Starts a slow operation that completes at `dueAt`: a resize to `resizePlan` (status `resizing`), or a
   * power action. The caller has checked that the instance is idle. Undefined when there is no such id.
   */
  beginOperation(
    id: string,
    operation: { action: 'resize'; resizePlan: string } | { action: 'start' | 'stop' | 'reboot' },
    nowIso: string,
    dueAt: string,
  ): Instance | undefined {
    const row = this.beginAction.get({
      id,
      action: operation.action,
      due_at: dueAt,
      resize_plan: operation.action === 'resize' ? operation.resizePlan : null,
      now: nowIso,
    });
    return row === undefined ? undefined : toInstance(row);
  }

  /**
   * Completes every operation due at `nowIso` and emits its event: provisioning → `active`/`running` and
   * `instance.created`; a resize → the new plan's size and `active`; start → `instance.power_on`; stop →
   * `instance.power_off`; a reboot changes nothing visible. Idempotent: a finished row is never picked again.
   */
  applyDue(nowIso: string): void {
    this.db.transaction(() => {
      for (const row of this.dueRows.all(nowIso)) this.complete(row, nowIso);
    })();
  }

  /**
   * Detaches the instance's block volumes, deletes it and emits `instance.destroyed` with its last state.
   * Returns the deleted instance, or undefined when there is none with this id.
   */
  delete(id: string, nowIso: string): Instance | undefined {
    return this.db.transaction(() => {
      const row = this.byId.get(id);
      if (row === undefined) return undefined;
      this.blocks.detachAllFrom(id, nowIso);
      this.deleteStatement.run(id);
      const instance = toInstance(row);
      this.events.emit('instance.destroyed', { instance }, nowIso);
      return instance;
    })();
  }

  list(request: InstanceListRequest): Page<Instance> {
    // A tag filter reads the (instance, tag) view; its rows carry the same seq and sort columns.
    const page = keysetPage<InstanceRow>(
      this.db,
      request.tag === undefined ? 'instances' : 'instances_by_tag',
      {
        sortColumn: request.sort,
        order: request.order,
        perPage: request.perPage,
        filters: { label: request.label, region: request.region, status: request.status, tag: request.tag },
        cursor: request.cursor,
      },
    );
    return { ...page, rows: page.rows.map(toInstance) };
  }

  private complete(row: InstanceRow, nowIso: string): void {
    const target =
      row.action === 'resize' && row.resize_plan !== null ? findPlan(row.resize_plan) : undefined;
    const powerStatus: PowerStatus =
      row.action === 'provision' || row.action === 'start'
        ? 'running'
        : row.action === 'stop'
          ? 'stopped'
          : row.power_status;
    const updated = this.finishAction.get({
      id: row.id,
      status: row.status === 'pending' || row.status === 'resizing' ? 'active' : row.status,
      power_status: powerStatus,
      plan: target?.id ?? row.plan,
      vcpu_count: target?.vcpu_count ?? row.vcpu_count,
      ram_mb: target?.ram_mb ?? row.ram_mb,
      disk_gb: target?.disk_gb ?? row.disk_gb,
      now: nowIso,
    });
    if (updated === undefined) return;
    const instance = toInstance(updated);
    if (row.action === 'provision') this.events.emit('instance.created', { instance }, nowIso);
    else if (row.action === 'start') this.events.emit('instance.power_on', { instance }, nowIso);
    else if (row.action === 'stop') this.events.emit('instance.power_off', { instance }, nowIso);
  }

  private mustGet(id: string): InstanceRow {
    const row = this.byId.get(id);
    if (row === undefined) throw new Error(`instance ${id} vanished inside its own transaction`);
    return row;
  }

  private freeIpv4(): string {
    const held = new Set(this.heldIpv4.all().map((row) => row.ipv4));
    const free = IPV4_POOL.find((address) => !held.has(address));
    if (free === undefined) throw new AddressPoolExhaustedError(IPV4_POOL.length);
    return free;
  }

  /**
   * `2001:db8:<a>:<b>::1`, the first address of a random /64 of the documentation prefix. Both groups are
   * non-zero, so the text is already the canonical (RFC 5952) spelling.
   */
  private freeIpv6(): string {
    for (;;) {
      const address = `2001:db8:${randomInt(1, 0x10000).toString(16)}:${randomInt(1, 0x10000).toString(16)}::1`;
      if (this.ipv6Taken.get(address) === undefined) return address;
    }
  }
}
