import type { CreateWebhookRequest, Webhook } from '../../api';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandGroup } from '../command';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { terminalSafeCell } from '../terminal-text';
import { deleteCommand, listCommand, required, showCommand, type KindSpec } from './kind-commands';

export const webhookColumns: readonly Column<Webhook>[] = [
  { header: 'ID', value: (w) => w.id },
  { header: 'URL', value: (w) => w.url },
  { header: 'EVENTS', value: (w) => w.events },
  { header: 'ACTIVE', value: (w) => w.active },
  { header: 'DESCRIPTION', value: (w) => w.description },
];

const spec: KindSpec<Webhook> = {
  noun: 'webhook',
  idHint: 'whk_...',
  columns: webhookColumns,
  fields: [
    ...webhookColumns,
    { header: 'CREATED', value: (w) => w.created_at },
    { header: 'UPDATED', value: (w) => w.updated_at },
  ],
  get: (client, id) => client.webhooks.get(id),
  remove: (client, id) => client.webhooks.delete(id),
};

const create = defineCommand({
  name: 'create',
  summary: 'Create a webhook and print its signing secret, once',
  description: 'The signing secret exists only in this answer: store it now. ' + CONNECTION_NOTE,
  options: {
    url: { type: 'string', valueName: 'URL', description: 'the https URL events are posted to (required)' },
    event: {
      type: 'string',
      valueName: 'TYPE',
      multiple: true,
      description: 'an event type such as instance.created; repeatable (at least one)',
    },
    description: { type: 'string', valueName: 'TEXT', description: 'what the webhook is for' },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const url = required(options.url, 'url', 'webhook create');
    const events = options.event ?? [];
    if (events.length === 0) required(undefined, 'event', 'webhook create');
    const request = {
      url,
      events,
      ...(options.description === undefined ? {} : { description: options.description }),
    } as CreateWebhookRequest;
    const created = await withClient(ctx, options, (client) => client.webhooks.create(request));
    ctx.err(
      'lyctl: this is the only time the signing secret is shown; store it now (it cannot be read again)',
    );
    if (options.json === true) {
      ctx.out(JSON.stringify(created, null, 2));
    } else {
      printOne(ctx, false, webhookColumns, created.webhook, 'row');
      ctx.out(`SECRET  ${terminalSafeCell(created.secret)}`);
    }
    return 0;
  },
});

export const webhookCommands: CommandGroup = {
  name: 'webhook',
  summary: 'List, create and delete webhooks',
  commands: [
    listCommand(spec, {}, (client) => client.webhooks.listAll()),
    showCommand(spec),
    create,
    deleteCommand(spec),
  ],
};
