import type { LightyearClient } from '../../../client';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import { apiCall, deleteIgnoringGone, importById } from '../operations';
import { sshKeyReads } from './reads';
import { createRequestFrom, stateFromApi, stateFromValue } from './model';
import { SSH_KEY_TYPE, sshKeySchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

const asValue = (state: ReturnType<typeof stateFromApi>) => toValue(sshKeySchema, state);

export const sshKeyResource: ResourceDefinition<LightyearClient> = {
  typeName: SSH_KEY_TYPE,
  schema: sshKeySchema,

  async create(ctx: Ctx, planned) {
    sshKeyReads(ctx.client).noteWrite();
    const created = await apiCall('Creating the SSH key', sshKeySchema, () =>
      ctx.client.sshKeys.create(createRequestFrom(planned), { signal: ctx.signal }),
    );
    return asValue(stateFromApi(created));
  },

  async read(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return null;
    const key = await apiCall('Reading the SSH key', sshKeySchema, () =>
      sshKeyReads(ctx.client).read(id, ctx.signal),
    );
    // Deleted behind Terraform's back: it leaves state, and the next plan creates it again.
    return key === undefined ? null : asValue(stateFromApi(key));
  },

  async update(ctx: Ctx, prior, planned) {
    const { id } = stateFromValue(prior);
    const { name } = createRequestFrom(planned);
    sshKeyReads(ctx.client).noteWrite();
    const updated = await apiCall('Updating the SSH key', sshKeySchema, () =>
      ctx.client.sshKeys.update(id ?? '', { name }, { signal: ctx.signal }),
    );
    return asValue(stateFromApi(updated));
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    sshKeyReads(ctx.client).noteWrite();
    await deleteIgnoringGone('Deleting the SSH key', sshKeySchema, () =>
      ctx.client.sshKeys.delete(id, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    return importById(sshKeySchema, id, {
      noun: 'an SSH key',
      pattern: /^sshk_[A-Za-z0-9]+$/,
      example: 'sshk_2bX9...',
      listCommand: 'npx lyctl ssh-key list',
    });
  },
};
