import type { Block } from '../../api';
import { isBusyError, type LightyearClient } from '../../client';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandContext, type CommandGroup } from '../command';
import { lyctlHint } from '../hints';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { waitWithProgress } from '../waiting';
import {
  deleteCommand,
  listCommand,
  required,
  showCommand,
  wholeNumber,
  type KindSpec,
} from './kind-commands';

export const volumeColumns: readonly Column<Block>[] = [
  { header: 'ID', value: (b) => b.id },
  { header: 'LABEL', value: (b) => b.label },
  { header: 'REGION', value: (b) => b.region },
  { header: 'SIZE_GB', value: (b) => b.size_gb },
  { header: 'STATUS', value: (b) => b.status },
  { header: 'SERVER', value: (b) => b.attached_to_instance_id },
];

const spec: KindSpec<Block> = {
  noun: 'volume',
  idHint: 'blk_...',
  columns: volumeColumns,
  fields: [...volumeColumns, { header: 'CREATED', value: (b) => b.created_at }],
  get: (client, id) => client.blocks.get(id),
  remove: (client, id) => client.blocks.delete(id),
};

const noWait = {
  'no-wait': { type: 'boolean', description: 'return as soon as the API accepted the request' },
} as const;

function follow(id: string): string {
  return `it goes on in the cloud; follow it with \`${lyctlHint(`volume show ${id}`)}\``;
}

/** A volume until `until` holds, with progress on stderr. */
function waitForVolume(
  ctx: CommandContext,
  client: LightyearClient,
  id: string,
  description: string,
  until: (block: Block) => boolean,
): Promise<Block> {
  return waitWithProgress(ctx, client, {
    description,
    poll: (signal) => client.blocks.get(id, { signal }),
    until,
    state: (block) =>
      block.status === 'active' && block.attached_to_instance_id !== null ? 'attached' : block.status,
    onInterrupt: follow(id),
  });
}

/** Attaches, trying again while the volume or the server is still provisioning (a busy 409). */
async function attachWhenReady(
  ctx: CommandContext,
  client: LightyearClient,
  id: string,
  server: string,
): Promise<Block> {
  type Attempt = { block?: Block };
  const done = await waitWithProgress<Attempt>(ctx, client, {
    description: `volume ${id} to attach to ${server}`,
    poll: async (signal) => {
      try {
        return { block: await client.blocks.attach(id, server, { signal }) };
      } catch (err) {
        if (isBusyError(err)) return {};
        throw err;
      }
    },
    until: (attempt) => attempt.block !== undefined,
    state: (attempt) =>
      attempt.block === undefined ? 'waiting for the volume and the server to be active' : 'attached',
    onInterrupt: `nothing was attached; see \`${lyctlHint(`volume show ${id}`)}\``,
  });
  return done.block as Block;
}

const create = defineCommand({
  name: 'create',
  summary: 'Create a volume and wait until it is active (and attached, with --server)',
  description: CONNECTION_NOTE,
  options: {
    region: { type: 'string', valueName: 'R', description: 'region id (required)' },
    size: { type: 'string', valueName: 'GB', description: 'size in GB, 10 to 10000 (required)' },
    label: { type: 'string', valueName: 'L', description: 'a name for the volume (required)' },
    server: {
      type: 'string',
      valueName: 'ID',
      description: 'attach it to this server, in the same region, once active',
    },
    ...noWait,
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const command = 'volume create';
    const request = {
      region: required(options.region, 'region', command),
      size_gb: wholeNumber(required(options.size, 'size', command), 'size', 10, 10000),
      label: required(options.label, 'label', command),
      ...(options.server === undefined ? {} : { attached_to_instance_id: options.server }),
    };
    const volume = await withClient(ctx, options, async (client) => {
      const created = await client.blocks.create(request);
      if (options['no-wait'] === true) return created;
      return waitForVolume(
        ctx,
        client,
        created.id,
        `volume ${created.id} to become active`,
        (block) =>
          block.status === 'active' &&
          (options.server === undefined || block.attached_to_instance_id === options.server),
      );
    });
    printOne(ctx, options.json, volumeColumns, volume, 'row');
    return 0;
  },
});

const attach = defineCommand({
  name: 'attach',
  summary: 'Attach a volume to a server and wait until it is attached',
  description: 'Waits while the volume or the server is still provisioning. ' + CONNECTION_NOTE,
  options: {
    server: { type: 'string', valueName: 'ID', description: "the server, in the volume's region (required)" },
    ...jsonOption,
    ...connectionOptions,
  },
  arguments: [{ name: 'ID', description: 'the volume (blk_...)' }],
  async run(ctx, options, args) {
    const server = required(options.server, 'server', 'volume attach');
    const volume = await withClient(ctx, options, (client) =>
      attachWhenReady(ctx, client, args[0] as string, server),
    );
    printOne(ctx, options.json, volumeColumns, volume, 'row');
    return 0;
  },
});

const detach = defineCommand({
  name: 'detach',
  summary: 'Detach a volume from its server',
  description: 'Detaching a detached volume changes nothing. ' + CONNECTION_NOTE,
  options: { ...jsonOption, ...connectionOptions },
  arguments: [{ name: 'ID', description: 'the volume (blk_...)' }],
  async run(ctx, options, args) {
    const volume = await withClient(ctx, options, (client) => client.blocks.detach(args[0] as string));
    printOne(ctx, options.json, volumeColumns, volume, 'row');
    return 0;
  },
});

export const volumeCommands: CommandGroup = {
  name: 'volume',
  summary: 'List, create, attach, detach and delete block storage volumes',
  commands: [
    listCommand(
      spec,
      {
        region: { valueName: 'R', description: 'only volumes in this region' },
        label: { valueName: 'L', description: 'only volumes with exactly this label' },
        server: {
          valueName: 'ID',
          description: 'only volumes attached to this server',
          query: 'attached_to_instance_id',
        },
      },
      (client, query) => client.blocks.listAll(query),
    ),
    showCommand(spec),
    create,
    attach,
    detach,
    deleteCommand(spec),
  ],
};
