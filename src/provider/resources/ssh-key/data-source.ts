import type { LightyearClient } from '../../../client';
import type { SshKey } from '../../../api';
import type { DataSourceDefinition, OperationContext } from '../../framework/resource';
import { readState, toValue } from '../../framework/typed-state';
import { canonicalName } from '../../../spelling';
import { apiCall } from '../operations';
import { sshKeyDataSourceSchema } from './data-source-schema';
import { noKeyNamed, noKeyWithId, oneKeyNamed } from './key-selection';
import { sshKeyReads } from './reads';
import { SSH_KEY_TYPE } from './schema';

type Ctx = OperationContext<LightyearClient>;

const schema = sshKeyDataSourceSchema;

async function byName(ctx: Ctx, name: string): Promise<SshKey> {
  const matches = await apiCall('Looking up the SSH key', schema, () =>
    ctx.client.sshKeys.listAll({ name, per_page: 500 }, { signal: ctx.signal }),
  );
  const key = oneKeyNamed(name, matches);
  if (key !== undefined) return key;
  // Only on a miss: every key's name, for the message's "similar names".
  const all = await apiCall('Looking up the SSH key', schema, () =>
    ctx.client.sshKeys.list({ per_page: 500 }, { signal: ctx.signal }),
  );
  throw noKeyNamed(name, all.items);
}

async function byId(ctx: Ctx, id: string): Promise<SshKey> {
  const key = await apiCall('Reading the SSH key', schema, () =>
    sshKeyReads(ctx.client).read(id, ctx.signal),
  );
  if (key === undefined) throw noKeyWithId(id);
  return key;
}

/** `data "lightyear_ssh_key"`: a key registered elsewhere, by id or by name (exactly one; lookup-modes.ts). */
export const sshKeyDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: SSH_KEY_TYPE,
  schema,
  lookupModes: [{ arguments: ['id'] }, { arguments: ['name'] }],
  async read(ctx: Ctx, config) {
    const asked = readState(schema, config);
    const key =
      asked.id !== null ? await byId(ctx, asked.id) : await byName(ctx, canonicalName(asked.name ?? ''));
    return toValue(schema, {
      id: key.id,
      name: key.name,
      public_key: key.public_key,
      fingerprint: key.fingerprint,
      created_at: key.created_at,
    });
  },
};
