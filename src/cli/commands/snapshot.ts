import type { Snapshot } from '../../api';
import type { LightyearClient } from '../../client';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandContext, type CommandGroup } from '../command';
import { lyctlHint } from '../hints';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { sendWhenNotBusy, waitWithProgress } from '../waiting';
import { deleteCommand, listCommand, required, showCommand, type KindSpec } from './kind-commands';

export const snapshotColumns: readonly Column<Snapshot>[] = [
  { header: 'ID', value: (s) => s.id },
  { header: 'SERVER', value: (s) => s.instance_id },
  { header: 'STATUS', value: (s) => s.status },
  { header: 'SIZE_GB', value: (s) => s.size_gb },
  { header: 'DESCRIPTION', value: (s) => s.description },
  { header: 'CREATED', value: (s) => s.created_at },
];

const spec: KindSpec<Snapshot> = {
  noun: 'snapshot',
  idHint: 'snap_...',
  columns: snapshotColumns,
  get: (client, id) => client.snapshots.get(id),
  remove: (client, id) => client.snapshots.delete(id),
};

/** Waits until the snapshot is complete, with progress on stderr. */
export function waitForSnapshot(ctx: CommandContext, client: LightyearClient, id: string): Promise<Snapshot> {
  return waitWithProgress(ctx, client, {
    description: `snapshot ${id} to complete`,
    poll: (signal) => client.snapshots.get(id, { signal }),
    until: (snapshot) => snapshot.status === 'complete',
    state: (snapshot) => snapshot.status,
    onInterrupt: `it goes on in the cloud; follow it with \`${lyctlHint(`snapshot show ${id}`)}\``,
  });
}

/**
 * Takes a snapshot of a server (sent again while the server is busy), then, unless `noWait`, waits until it
 * is complete: `lyctl snapshot create --server ID` and `lyctl server snapshot ID`.
 */
export async function takeSnapshot(
  ctx: CommandContext,
  client: LightyearClient,
  instanceId: string,
  description: string | undefined,
  noWait: boolean,
): Promise<Snapshot> {
  const request = { instance_id: instanceId, ...(description === undefined ? {} : { description }) };
  const created = await sendWhenNotBusy(
    ctx,
    client,
    { noun: 'server', id: instanceId, action: 'snapshot' },
    (signal) => client.snapshots.create(request, { signal }),
  );
  return noWait ? created : waitForSnapshot(ctx, client, created.id);
}

const create = defineCommand({
  name: 'create',
  summary: "Take a snapshot of a server's disk and wait until it is complete",
  description: 'The same as `lyctl server snapshot ID`. ' + CONNECTION_NOTE,
  options: {
    server: { type: 'string', valueName: 'ID', description: 'the server to snapshot (required)' },
    description: { type: 'string', valueName: 'TEXT', description: 'what the snapshot is for' },
    'no-wait': { type: 'boolean', description: 'return as soon as the API accepted the request' },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const instanceId = required(options.server, 'server', 'snapshot create');
    const taken = await withClient(ctx, options, (client) =>
      takeSnapshot(ctx, client, instanceId, options.description, options['no-wait'] === true),
    );
    printOne(ctx, options.json, snapshotColumns, taken, 'row');
    return 0;
  },
});

export const snapshotCommands: CommandGroup = {
  name: 'snapshot',
  summary: 'List, take and delete snapshots of servers',
  commands: [
    listCommand(
      spec,
      { server: { valueName: 'ID', description: 'only snapshots of this server', query: 'instance_id' } },
      (client, query) => client.snapshots.listAll(query),
    ),
    showCommand(spec),
    create,
    deleteCommand(spec),
  ],
};
