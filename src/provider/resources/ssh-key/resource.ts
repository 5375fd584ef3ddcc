import type { LightyearClient } from '../../../client';
import { clientModule } from '../../client-module';
import { ResourceError } from '../../framework/errors';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import type { ObjectValue } from '../../protocol/values';
import { toResourceError } from '../api-errors';
import { createRequestFrom, stateFromApi, stateFromValue, type SshKeyState } from './model';
import { SSH_KEY_ATTRIBUTES, SSH_KEY_TYPE, sshKeySchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

const ID_PATTERN = /^sshk_[A-Za-z0-9]+$/;

function asValue(state: SshKeyState): ObjectValue {
  return { ...state };
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toResourceError(err, what, SSH_KEY_ATTRIBUTES);
  }
}

export const sshKeyResource: ResourceDefinition<LightyearClient> = {
  typeName: SSH_KEY_TYPE,
  schema: sshKeySchema,

  async create(ctx: Ctx, planned) {
    const created = await call('Creating the SSH key', () =>
      ctx.client.sshKeys.create(createRequestFrom(planned), { signal: ctx.signal }),
    );
    return asValue(stateFromApi(created, planned));
  },

  async read(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return null;
    try {
      return asValue(stateFromApi(await ctx.client.sshKeys.get(id, { signal: ctx.signal }), state));
    } catch (err) {
      // Deleted behind Terraform's back: forget it, and the next plan creates it again.
      if (clientModule().isNotFoundError(err)) return null;
      throw toResourceError(err, 'Reading the SSH key', SSH_KEY_ATTRIBUTES);
    }
  },

  async update(ctx: Ctx, prior, planned) {
    const { id } = stateFromValue(prior);
    const { name } = stateFromValue(planned);
    const updated = await call('Updating the SSH key', () =>
      ctx.client.sshKeys.update(id ?? '', { name }, { signal: ctx.signal }),
    );
    return asValue(stateFromApi(updated, planned));
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    try {
      await ctx.client.sshKeys.delete(id, { signal: ctx.signal });
    } catch (err) {
      if (clientModule().isNotFoundError(err)) return; // already gone: the goal of a delete
      throw toResourceError(err, 'Deleting the SSH key', SSH_KEY_ATTRIBUTES);
    }
  },

  importState(id: string) {
    if (!ID_PATTERN.test(id)) {
      throw new ResourceError(
        'Invalid import id',
        `"${id}" is not an SSH key id; SSH key ids look like sshk_2bX9... (see \`lyctl ssh-key list\`).`,
      );
    }
    return { id, name: null, public_key: null, fingerprint: null, created_at: null };
  },
};
