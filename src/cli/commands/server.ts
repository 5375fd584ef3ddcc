import fs from 'node:fs';
import path from 'node:path';
import type { CreateInstanceRequest, Instance } from '../../api';
import type { LightyearClient } from '../../client';
import { fileErrorInWords } from '../../files/file-error-words';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandContext, type CommandGroup } from '../command';
import { NoAddressError, NotConfirmedError, UsageError } from '../errors';
import { lyctlHint } from '../hints';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { shellQuote } from '../shell-quote';
import { terminalSafeCell } from '../terminal-text';
import { sendWhenNotBusy, waitWithProgress } from '../waiting';
import { listCommand, required, showCommand, type KindSpec } from './kind-commands';
import { snapshotColumns, takeSnapshot } from './snapshot';

export const instanceColumns: readonly Column<Instance>[] = [
  { header: 'ID', value: (i) => i.id },
  { header: 'LABEL', value: (i) => i.label },
  { header: 'REGION', value: (i) => i.region },
  { header: 'PLAN', value: (i) => i.plan },
  { header: 'STATUS', value: (i) => i.status },
  { header: 'POWER', value: (i) => i.power_status },
  { header: 'IPV4', value: (i) => i.ipv4 },
];

const instanceFields: readonly Column<Instance>[] = [
  ...instanceColumns,
  { header: 'IPV6', value: (i) => i.ipv6 },
  { header: 'HOSTNAME', value: (i) => i.hostname },
  { header: 'IMAGE', value: (i) => i.image },
  { header: 'VCPUS', value: (i) => i.vcpu_count },
  { header: 'RAM_MB', value: (i) => i.ram_mb },
  { header: 'DISK_GB', value: (i) => i.disk_gb },
  { header: 'SSH_KEYS', value: (i) => i.ssh_key_ids },
  { header: 'FIREWALL', value: (i) => i.firewall_id },
  { header: 'TAGS', value: (i) => i.tags },
  { header: 'BACKUPS', value: (i) => i.backups },
  { header: 'CREATED', value: (i) => i.created_at },
];

const spec: KindSpec<Instance> = {
  noun: 'server',
  idHint: 'inst_...',
  columns: instanceColumns,
  fields: instanceFields,
  get: (client, id) => client.instances.get(id),
  remove: (client, id) => client.instances.delete(id),
};

const noWaitOption = {
  'no-wait': { type: 'boolean', description: 'return as soon as the API accepted the request' },
} as const;

const idArgument = [{ name: 'ID', description: 'the server (inst_...)' }];

/** Waits until the server is active (provisioned, or resized), with progress on stderr. */
function waitUntilActive(
  ctx: CommandContext,
  client: LightyearClient,
  id: string,
  until: (instance: Instance) => boolean = (instance) => instance.status === 'active',
): Promise<Instance> {
  return waitWithProgress(ctx, client, {
    description: `server ${id} to become active`,
    poll: (signal) => client.instances.get(id, { signal }),
    until,
    state: (instance) => instance.status,
    onInterrupt: `it goes on in the cloud; follow it with \`${lyctlHint(`server show ${id}`)}\``,
  });
}

function readUserData(ctx: CommandContext, file: string): string {
  try {
    return fs.readFileSync(path.resolve(ctx.cwd, file)).toString('base64');
  } catch (err) {
    throw new UsageError(
      'invalid_option_value',
      `cannot read --user-data-file ${file}: ${fileErrorInWords(err)}`,
    );
  }
}

const deploy = defineCommand({
  name: 'deploy',
  summary: 'Create a server and wait until it is running',
  description:
    'Prints the server once it is active, with its address. Progress goes to stderr: one line kept up to date on ' +
    'a terminal, a line per state otherwise. Ctrl-C stops waiting; the server is still created. ' +
    CONNECTION_NOTE,
  options: {
    region: { type: 'string', valueName: 'R', description: 'region id, e.g. ams (required)' },
    plan: { type: 'string', valueName: 'P', description: 'plan id, e.g. vc2-1c-1gb (required)' },
    image: { type: 'string', valueName: 'I', description: 'image id, e.g. debian-12 (required)' },
    label: { type: 'string', valueName: 'L', description: 'a name for the server (required)' },
    hostname: { type: 'string', valueName: 'H', description: 'host name; default: the label made into one' },
    'ssh-key': {
      type: 'string',
      valueName: 'ID',
      multiple: true,
      description: 'an SSH key to install (sshk_...); repeatable',
    },
    firewall: {
      type: 'string',
      valueName: 'ID',
      description: 'the firewall to put the server behind (fw_...)',
    },
    tag: { type: 'string', valueName: 'TAG', multiple: true, description: 'a tag; repeatable' },
    'user-data-file': { type: 'string', valueName: 'F', description: 'cloud-init user data, at most 64 KiB' },
    ...noWaitOption,
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const command = 'server deploy';
    const request: CreateInstanceRequest = {
      region: required(options.region, 'region', command),
      plan: required(options.plan, 'plan', command),
      image: required(options.image, 'image', command),
      label: required(options.label, 'label', command),
      ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
      ...(options['ssh-key'] === undefined ? {} : { ssh_key_ids: options['ssh-key'] }),
      ...(options.firewall === undefined ? {} : { firewall_id: options.firewall }),
      ...(options.tag === undefined ? {} : { tags: options.tag }),
      ...(options['user-data-file'] === undefined
        ? {}
        : { user_data: readUserData(ctx, options['user-data-file']) }),
    };
    const server = await withClient(ctx, options, async (client) => {
      const created = await client.instances.create(request);
      if (options['no-wait'] === true) return created;
      ctx.err(`Creating server ${created.id} (${created.label}) in ${created.region}`);
      return waitUntilActive(ctx, client, created.id);
    });
    printOne(ctx, options.json, instanceColumns, server, 'row');
    if (options.json !== true && server.ipv4 !== null) {
      ctx.err(
        `Server ${server.id} is ${server.status} at ${server.ipv4}; \`${lyctlHint(`server ssh ${server.id}`)}\` to log in`,
      );
    }
    return 0;
  },
});

const list = listCommand(
  spec,
  {
    region: { valueName: 'R', description: 'only servers in this region' },
    label: { valueName: 'L', description: 'only servers with exactly this label' },
    status: {
      valueName: 'S',
      description: 'only servers in this state: pending, active, resizing, suspended',
    },
    tag: { valueName: 'TAG', description: 'only servers with this tag' },
  },
  (client, query) => client.instances.listAll(query),
  'List the servers of the account',
);

/** start/stop: the action, then (unless --no-wait) the wait for the power state it asks for. */
function powerCommand(name: 'start' | 'stop', target: Instance['power_status']) {
  return defineCommand({
    name,
    summary:
      name === 'start'
        ? 'Power a server on and wait until it runs'
        : 'Power a server off and wait until it is stopped',
    description: CONNECTION_NOTE,
    options: { ...noWaitOption, ...jsonOption, ...connectionOptions },
    arguments: idArgument,
    async run(ctx, options, args) {
      const id = args[0] as string;
      const server = await withClient(ctx, options, async (client) => {
        const answered = await sendWhenNotBusy(ctx, client, { noun: 'server', id, action: name }, (signal) =>
          client.instances[name](id, { signal }),
        );
        if (options['no-wait'] === true || answered.power_status === target) return answered;
        return waitWithProgress(ctx, client, {
          description: `server ${id} to be ${target}`,
          poll: (signal) => client.instances.get(id, { signal }),
          until: (instance) => instance.power_status === target,
          state: (instance) => instance.power_status,
          onInterrupt: `it goes on in the cloud; follow it with \`${lyctlHint(`server show ${id}`)}\``,
        });
      });
      printOne(ctx, options.json, instanceColumns, server, 'row');
      return 0;
    },
  });
}

const reboot = defineCommand({
  name: 'reboot',
  summary: 'Reboot a running server',
  description: CONNECTION_NOTE,
  options: { ...jsonOption, ...connectionOptions },
  arguments: idArgument,
  async run(ctx, options, args) {
    const id = args[0] as string;
    const server = await withClient(ctx, options, (client) =>
      sendWhenNotBusy(ctx, client, { noun: 'server', id, action: 'reboot' }, (signal) =>
        client.instances.reboot(id, { signal }),
      ),
    );
    printOne(ctx, options.json, instanceColumns, server, 'row');
    return 0;
  },
});

const resize = defineCommand({
  name: 'resize',
  summary: 'Move a server to another plan and wait until it is active again',
  description:
    "The plan must be offered in the server's region with a disk at least as large. " + CONNECTION_NOTE,
  options: {
    plan: { type: 'string', valueName: 'P', description: 'the new plan (required)' },
    ...noWaitOption,
    ...jsonOption,
    ...connectionOptions,
  },
  arguments: idArgument,
  async run(ctx, options, args) {
    const id = args[0] as string;
    const plan = required(options.plan, 'plan', 'server resize');
    const server = await withClient(ctx, options, async (client) => {
      const answered = await sendWhenNotBusy(
        ctx,
        client,
        { noun: 'server', id, action: 'resize' },
        (signal) => client.instances.resize(id, plan, { signal }),
      );
      if (options['no-wait'] === true) return answered;
      return waitUntilActive(
        ctx,
        client,
        id,
        (instance) => instance.status === 'active' && instance.plan === plan,
      );
    });
    printOne(ctx, options.json, instanceColumns, server, 'row');
    return 0;
  },
});

const destroy = defineCommand({
  name: 'destroy',
  summary: 'Delete a server (asks first on a terminal)',
  description:
    "Its disk is lost; snapshots of it are kept. On a terminal it asks for the server's label or id; elsewhere " +
    '--yes is required. ' +
    CONNECTION_NOTE,
  options: {
    yes: { type: 'boolean', short: 'y', description: 'do not ask; required when stdin is not a terminal' },
    ...connectionOptions,
  },
  arguments: idArgument,
  async run(ctx, options, args) {
    const id = args[0] as string;
    await withClient(ctx, options, async (client) => {
      if (options.yes !== true) {
        if (ctx.stdinIsTerminal !== true || ctx.ask === undefined) {
          throw new NotConfirmedError(
            `not destroying server ${terminalSafeCell(id)}: stdin is not a terminal, so nobody can confirm; add --yes`,
          );
        }
        // Read first: the question names what would be lost, and a wrong id fails before anything is asked.
        const server = await client.instances.get(id);
        const answer = await ctx.ask(
          `Destroy server ${server.label} (${server.id}, ${server.ipv4 ?? 'no address'})? Its disk is lost. ` +
            `Type its label or id to confirm: `,
        );
        if (answer.trim() !== server.label && answer.trim() !== server.id) {
          throw new NotConfirmedError(`not destroying server ${server.id}: the answer did not match`);
        }
      }
      await client.instances.delete(id);
    });
    ctx.out(`Destroyed server ${terminalSafeCell(id)}`);
    return 0;
  },
});

const snapshot = defineCommand({
  name: 'snapshot',
  summary: "Take a snapshot of a server's disk and wait until it is complete",
  description: CONNECTION_NOTE,
  options: {
    description: { type: 'string', valueName: 'TEXT', description: 'what the snapshot is for' },
    ...noWaitOption,
    ...jsonOption,
    ...connectionOptions,
  },
  arguments: idArgument,
  async run(ctx, options, args) {
    const id = args[0] as string;
    const taken = await withClient(ctx, options, (client) =>
      takeSnapshot(ctx, client, id, options.description, options['no-wait'] === true),
    );
    printOne(ctx, options.json, snapshotColumns, taken, 'row');
    return 0;
  },
});

const ssh = defineCommand({
  name: 'ssh',
  summary: 'Log in to a server with ssh',
  description:
    'Runs `ssh USER@ADDRESS` (the IPv4 address, else the IPv6 one) with this terminal; --print prints the ' +
    'command instead. ' +
    CONNECTION_NOTE,
  options: {
    user: {
      type: 'string',
      short: 'l',
      valueName: 'USER',
      description: 'the user to log in as (default: root)',
    },
    print: { type: 'boolean', description: 'print the ssh command instead of running it' },
    ...connectionOptions,
  },
  arguments: idArgument,
  async run(ctx, options, args) {
    const id = args[0] as string;
    const server = await withClient(ctx, options, (client) => client.instances.get(id));
    const address = server.ipv4 ?? server.ipv6;
    if (address === null) {
      throw new NoAddressError(
        `server ${server.id} has no address yet (status ${server.status}); wait with \`${lyctlHint(`server show ${server.id}`)}\``,
      );
    }
    const user = options.user ?? 'root';
    if (user === '' || user.startsWith('-') || /[@\s]/.test(user)) {
      throw new UsageError('invalid_option_value', `--user must be a user name, not '${user}'`);
    }
    const sshArgs = [`${user}@${address}`];
    if (options.print === true || ctx.runInteractive === undefined) {
      ctx.out(['ssh', ...sshArgs].map(shellQuote).join(' '));
      return 0;
    }
    return ctx.runInteractive('ssh', sshArgs);
  },
});

// No `server delete`: one way to delete a server, `destroy`, keeps its confirmation meaningful.
export const serverCommands: CommandGroup = {
  name: 'server',
  summary: 'Deploy, list, change, log in to and destroy servers',
  commands: [
    deploy,
    list,
    showCommand(spec),
    powerCommand('start', 'running'),
    powerCommand('stop', 'stopped'),
    reboot,
    resize,
    snapshot,
    ssh,
    destroy,
  ],
};
