import fs from 'node:fs';
import path from 'node:path';
import type { SshKey } from '../../api';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandGroup } from '../command';
import { PrivateKeyFileError, UsageError } from '../errors';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { PRIVATE_KEY_REASON, isPrivateKey, privateKeyFix } from '../../spelling/ssh-private-key';
import { fileErrorInWords } from '../../files/file-error-words';
import { deleteCommand, listCommand, required, showCommand, type KindSpec } from './kind-commands';

export const sshKeyColumns: readonly Column<SshKey>[] = [
  { header: 'ID', value: (k) => k.id },
  { header: 'NAME', value: (k) => k.name },
  { header: 'FINGERPRINT', value: (k) => k.fingerprint },
  { header: 'CREATED', value: (k) => k.created_at },
];

const spec: KindSpec<SshKey> = {
  noun: 'SSH key',
  idHint: 'sshk_...',
  columns: sshKeyColumns,
  fields: [...sshKeyColumns, { header: 'PUBLIC_KEY', value: (k) => k.public_key }],
  get: (client, id) => client.sshKeys.get(id),
  remove: (client, id) => client.sshKeys.delete(id),
};

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
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const name = required(options.name, 'name', 'create');
    const file = required(options['public-key-file'], 'public-key-file', 'create');
    let publicKey: string;
    try {
      publicKey = fs.readFileSync(path.resolve(ctx.cwd, file), 'utf8').trim();
    } catch (err) {
      throw new UsageError(
        'invalid_option_value',
        `cannot read --public-key-file ${file}: ${fileErrorInWords(err)}`,
      );
    }
    // Refused before anything is sent: a private key must not leave the machine, not even to be refused.
    if (isPrivateKey(publicKey)) {
      throw new PrivateKeyFileError(file, PRIVATE_KEY_REASON, privateKeyFix(file));
    }
    const key = await withClient(ctx, options, (client) =>
      client.sshKeys.create({ name, public_key: publicKey }),
    );
    printOne(ctx, options.json, sshKeyColumns, key, 'row');
    return 0;
  },
});

export const sshKeyCommands: CommandGroup = {
  name: 'ssh-key',
  summary: 'List, register and delete SSH keys',
  commands: [
    listCommand(
      spec,
      { name: { valueName: 'NAME', description: 'only keys with exactly this name' } },
      (client, query) => client.sshKeys.listAll(query),
    ),
    showCommand(spec),
    create,
    deleteCommand(spec, 'Delete an SSH key'),
  ],
};
