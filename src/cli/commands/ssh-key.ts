import fs from 'node:fs';
import path from 'node:path';
import type { SshKey } from '../../api';
import { asCliError, connect } from '../api-connection';
import { defineCommand, type CommandContext, type CommandGroup } from '../command';
import { resolveDataDir } from '../data-dir';
import { PrivateKeyFileError, UsageError } from '../errors';
import { PRIVATE_KEY_REASON, isPrivateKey, privateKeyFix } from '../../spelling/ssh-private-key';
import { terminalSafeCell } from '../terminal-text';
import { fileErrorInWords } from '../../files/file-error-words';

const dataOption = {
  type: 'string',
  valueName: 'DIR',
  description: 'data directory of the local cloud to use when LIGHTYEAR_API_KEY is not set',
} as const;

const jsonOption = { type: 'boolean', description: 'print JSON instead of a table' } as const;

const CONNECTION_NOTE =
  'Talks to the API given by LIGHTYEAR_API_KEY and LIGHTYEAR_ENDPOINT (as the provider does), or, when no key ' +
  'is set, to the local cloud running for the data directory.';

async function withClient<T>(
  ctx: CommandContext,
  data: string | undefined,
  work: (client: ReturnType<typeof connect>) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(data, ctx.env, ctx.cwd);
  const client = connect(ctx.env, dataDir, data === undefined ? undefined : dataDir);
  try {
    return await work(client);
  } catch (err) {
    throw asCliError(err);
  } finally {
    await client.close();
  }
}

function printKeys(ctx: CommandContext, keys: readonly SshKey[]): void {
  // Escaped per cell: a name holding a newline or tab must not forge a row or shift the columns.
  const rows = keys.map((k) => [k.id, k.name, k.fingerprint, k.created_at].map(terminalSafeCell));
  const header = ['ID', 'NAME', 'FINGERPRINT', 'CREATED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows])
    ctx.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

const list = defineCommand({
  name: 'list',
  summary: 'List the SSH keys of the account',
  description: CONNECTION_NOTE,
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'only keys with exactly this name' },
    json: jsonOption,
    data: dataOption,
  },
  async run(ctx, options) {
    const keys = await withClient(ctx, options.data, (client) =>
      client.sshKeys.listAll(options.name === undefined ? {} : { name: options.name }),
    );
    if (options.json) ctx.out(JSON.stringify(keys, null, 2));
    else printKeys(ctx, keys);
    return 0;
  },
});

const create = defineCommand({
  name: 'create',
  summary: 'Register an SSH public key',
  description: CONNECTION_NOTE,
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'a label for the key (required)' },
    'public-key-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'the OpenSSH public key file, e.g. ~/.ssh/id_ed25519.pub (required)',
    },
    json: jsonOption,
    data: dataOption,
  },
  async run(ctx, options) {
    if (options.name === undefined) throw new UsageError('missing_option_value', 'create needs --name');
    const file = options['public-key-file'];
    if (file === undefined) throw new UsageError('missing_option_value', 'create needs --public-key-file');
    let publicKey: string;
    try {
      publicKey = fs.readFileSync(path.resolve(ctx.cwd, file), 'utf8').trim();
    } catch (err) {
      throw new UsageError(
        'invalid_option_value',
        `cannot read --public-key-file ${file}: ${fileErrorInWords(err)}`,
      );
    }
    if (isPrivateKey(publicKey)) {
      throw new PrivateKeyFileError(file, PRIVATE_KEY_REASON, privateKeyFix(file));
    }
    const name = options.name;
    const key = await withClient(ctx, options.data, (client) =>
      client.sshKeys.create({ name, public_key: publicKey }),
    );
    if (options.json) ctx.out(JSON.stringify(key, null, 2));
    else printKeys(ctx, [key]);
    return 0;
  },
});

const remove = defineCommand({
  name: 'delete',
  summary: 'Delete an SSH key',
  description: CONNECTION_NOTE,
  options: { data: dataOption },
  arguments: [{ name: 'ID', description: 'the key id (sshk_...)' }],
  async run(ctx, options, args) {
    const id = args[0] as string;
    await withClient(ctx, options.data, (client) => client.sshKeys.delete(id));
    ctx.out(`Deleted SSH key ${terminalSafeCell(id)}`);
    return 0;
  },
});

export const sshKeyCommands: CommandGroup = {
  name: 'ssh-key',
  summary: 'List, register and delete SSH keys',
  commands: [list, create, remove],
};
