import type { LightyearClient } from '../../client';

/**
 * The account as one table: a row per object, the same columns for every kind. It is the shape `lyctl
 * discover` prints and the one `lyctl import` (code generation) starts from, so it is data, built apart from
 * any printing: `discoverInventory` returns it, the command lays it out.
 */

export const INVENTORY_KINDS = [
  'server',
  'volume',
  'firewall',
  'ssh-key',
  'snapshot',
  'domain',
  'record',
  'api-key',
  'webhook',
] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

/** Kinds that live in a region; the others are account-wide and have no region. */
export const REGIONAL_KINDS: ReadonlySet<InventoryKind> = new Set(['server', 'volume']);

export interface InventoryColumn {
  readonly key: keyof InventoryRow;
  readonly label: string;
}

export interface InventoryRow {
  readonly kind: InventoryKind;
  /** The id the API and Terraform import use: `inst_…`; a domain's name; `example.com/rec_…` for a record. */
  readonly id: string;
  /** The object's name, label, URL or description: what a person recognizes it by. */
  readonly name: string;
  /** Null for account-wide kinds. */
  readonly region: string | null;
  /** `active`, `pending`, `complete`…; null for kinds without a state. */
  readonly state: string | null;
  /** Ids of other objects it refers to, by relation: `{ firewall: ['fw_1'], ssh_keys: [...] }`. */
  readonly relations: Readonly<Record<string, readonly string[]>>;
}

export interface Inventory {
  readonly columns: readonly InventoryColumn[];
  readonly rows: readonly InventoryRow[];
}

export const INVENTORY_COLUMNS: readonly InventoryColumn[] = [
  { key: 'kind', label: 'Kind' },
  { key: 'id', label: 'ID' },
  { key: 'name', label: 'Name' },
  { key: 'region', label: 'Region' },
  { key: 'state', label: 'State' },
  { key: 'relations', label: 'Relations' },
];

export interface DiscoverOptions {
  /** Which kinds; all of them when empty or absent. */
  readonly kinds?: readonly InventoryKind[];
  /**
   * Keeps only the regional objects (servers, volumes) in this region. Account-wide kinds are kept: they
   * serve every region.
   */
  readonly region?: string;
  readonly signal?: AbortSignal;
}

/** Relations with no members are left out, so `{}` means "refers to nothing". */
function relations(entries: Record<string, readonly (string | null)[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, ids] of Object.entries(entries)) {
    const present = ids.filter((id): id is string => id !== null && id !== '');
    if (present.length > 0) result[name] = present;
  }
  return result;
}

type Reader = (client: LightyearClient, options: DiscoverOptions) => Promise<InventoryRow[]>;

const READERS: Record<InventoryKind, Reader> = {
  server: async (client, { region, signal }) =>
    (await client.instances.listAll(region === undefined ? {} : { region }, { signal })).map((i) => ({
      kind: 'server',
      id: i.id,
      name: i.label,
      region: i.region,
      state: i.status,
      relations: relations({ firewall: [i.firewall_id], ssh_keys: i.ssh_key_ids }),
    })),
  volume: async (client, { region, signal }) =>
    (await client.blocks.listAll(region === undefined ? {} : { region }, { signal })).map((b) => ({
      kind: 'volume',
      id: b.id,
      name: b.label,
      region: b.region,
      state: b.status,
      relations: relations({ server: [b.attached_to_instance_id] }),
    })),
  firewall: async (client, { signal }) =>
    (await client.firewalls.listAll({}, { signal })).map((f) => ({
      kind: 'firewall',
      id: f.id,
      name: f.name,
      region: null,
      state: null,
      relations: relations({ servers: f.instance_ids }),
    })),
  'ssh-key': async (client, { signal }) =>
    (await client.sshKeys.listAll({}, { signal })).map((k) => ({
      kind: 'ssh-key',
      id: k.id,
      name: k.name,
      region: null,
      state: null,
      relations: {},
    })),
  snapshot: async (client, { signal }) =>
    (await client.snapshots.listAll({}, { signal })).map((s) => ({
      kind: 'snapshot',
      id: s.id,
      name: s.description ?? '',
      region: null,
      state: s.status,
      relations: relations({ server: [s.instance_id] }),
    })),
  domain: async (client, { signal }) =>
    (await client.domains.listAll({}, { signal })).map((d) => ({
      kind: 'domain',
      id: d.domain,
      name: d.domain,
      region: null,
      state: null,
      relations: {},
    })),
  record: async (client, { signal }) => {
    const rows: InventoryRow[] = [];
    for (const domain of await client.domains.listAll({}, { signal })) {
      for (const r of await client.dnsRecords(domain.domain).listAll({}, { signal })) {
        rows.push({
          kind: 'record',
          // The provider imports a record as `<domain>/<id>`: a record id alone does not say its domain.
          id: `${r.domain}/${r.id}`,
          name: `${r.type} ${r.name === '' ? '@' : r.name}`,
          region: null,
          state: null,
          relations: relations({ domain: [r.domain] }),
        });
      }
    }
    return rows;
  },
  'api-key': async (client, { signal }) =>
    (await client.apiKeys.listAll({}, { signal })).map((k) => ({
      kind: 'api-key',
      id: k.id,
      name: k.name,
      region: null,
      state: k.expires_at !== null && Date.parse(k.expires_at) <= Date.now() ? 'expired' : 'active',
      relations: {},
    })),
  webhook: async (client, { signal }) =>
    (await client.webhooks.listAll({}, { signal })).map((w) => ({
      kind: 'webhook',
      id: w.id,
      name: w.description ?? w.url,
      region: null,
      state: w.active ? 'active' : 'inactive',
      relations: {},
    })),
};

/**
 * Every object of the kinds asked for, kind by kind in `INVENTORY_KINDS` order, each kind in the API's order.
 * Kinds are read one after the other: the API's rate limit is per key, and a person waits for the whole anyway.
 */
export async function discoverInventory(
  client: LightyearClient,
  options: DiscoverOptions = {},
): Promise<Inventory> {
  const wanted = options.kinds === undefined || options.kinds.length === 0 ? INVENTORY_KINDS : options.kinds;
  const rows: InventoryRow[] = [];
  for (const kind of INVENTORY_KINDS) {
    if (wanted.includes(kind)) rows.push(...(await READERS[kind](client, options)));
  }
  return { columns: INVENTORY_COLUMNS, rows };
}

/** Relations as one table cell: `firewall=fw_1 ssh_keys=sshk_1,sshk_2`. */
export function relationsText(row: InventoryRow): string {
  return Object.entries(row.relations)
    .map(([name, ids]) => `${name}=${ids.join(',')}`)
    .join(' ');
}
