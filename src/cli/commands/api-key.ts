import type { ApiKey } from '../../api';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandGroup } from '../command';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { terminalSafeCell } from '../terminal-text';
import { deleteCommand, listCommand, required, showCommand, type KindSpec } from './kind-commands';

export const apiKeyColumns: readonly Column<ApiKey>[] = [
  { header: 'ID', value: (k) => k.id },
  { header: 'NAME', value: (k) => k.name },
  { header: 'PREFIX', value: (k) => k.prefix },
  { header: 'PERMISSIONS', value: (k) => k.permissions },
  { header: 'EXPIRES', value: (k) => k.expires_at },
  { header: 'LAST_USED', value: (k) => k.last_used_at },
];

const spec: KindSpec<ApiKey> = {
  noun: 'API key',
  idHint: 'key_...',
  columns: apiKeyColumns,
  fields: [
    ...apiKeyColumns,
    { header: 'ALLOWED_IPS', value: (k) => k.allowed_ips },
    { header: 'CREATED', value: (k) => k.created_at },
  ],
  get: (client, id) => client.apiKeys.get(id),
  remove: (client, id) => client.apiKeys.delete(id),
};

const create = defineCommand({
  name: 'create',
  summary: 'Create an API key and print its secret, once',
  description:
    'The secret exists only in this answer: store it now (e.g. `... --json | jq -r .secret | lyctl profile add ' +
    'NAME`). The calling key needs account:write. ' +
    CONNECTION_NOTE,
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'what the key is for (required)' },
    permission: {
      type: 'string',
      valueName: 'P',
      multiple: true,
      description: 'a permission such as instances:write or *; repeatable (at least one)',
    },
    'expires-at': {
      type: 'string',
      valueName: 'TIME',
      description: 'RFC 3339 time it stops working; default never',
    },
    'allowed-ip': {
      type: 'string',
      valueName: 'CIDR',
      multiple: true,
      description: 'only usable from here; repeatable',
    },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const name = required(options.name, 'name', 'api-key create');
    const permissions = options.permission ?? [];
    if (permissions.length === 0) required(undefined, 'permission', 'api-key create');
    const created = await withClient(ctx, options, (client) =>
      client.apiKeys.create({
        name,
        permissions,
        ...(options['expires-at'] === undefined ? {} : { expires_at: options['expires-at'] }),
        ...(options['allowed-ip'] === undefined ? {} : { allowed_ips: options['allowed-ip'] }),
      }),
    );
    // The warning goes to stderr so that `--json` (or the secret line) stays what a script reads.
    ctx.err('lyctl: this is the only time the secret is shown; store it now (it cannot be read again)');
    if (options.json === true) {
      ctx.out(JSON.stringify(created, null, 2));
    } else {
      printOne(ctx, false, apiKeyColumns, created.api_key, 'row');
      ctx.out(`SECRET  ${terminalSafeCell(created.secret)}`);
    }
    return 0;
  },
});

export const apiKeyCommands: CommandGroup = {
  name: 'api-key',
  summary: 'List, create and revoke API keys',
  commands: [
    listCommand(
      spec,
      { name: { valueName: 'NAME', description: 'only keys with exactly this name' } },
      (client, query) => client.apiKeys.listAll(query),
    ),
    showCommand(spec),
    create,
    deleteCommand(spec, 'Revoke an API key (it stops working at once)'),
  ],
};
