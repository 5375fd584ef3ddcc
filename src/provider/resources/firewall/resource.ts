import type { LightyearClient } from '../../../client';
import type { Firewall } from '../../../api';
import { clientModule } from '../../client-module';
import { ResourceError } from '../../framework/errors';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { timeoutMs } from '../../framework/timeouts';
import { toValue } from '../../framework/typed-state';
import type { ObjectValue } from '../../protocol/values';
import { importById } from '../operations';
import { firewallApiError } from './api-errors';
import { createRequestFrom, stateFromApi, stateFromValue, updateRequestFrom } from './model';
import { firewallReads } from './reads';
import { DEFAULT_DELETE_TIMEOUT, FIREWALL_TYPE, firewallSchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

const asValue = (firewall: Firewall, from: ObjectValue | null) =>
  toValue(firewallSchema, stateFromApi(firewall, from));

export const firewallResource: ResourceDefinition<LightyearClient> = {
  typeName: FIREWALL_TYPE,
  schema: firewallSchema,

  async create(ctx: Ctx, planned) {
    const request = createRequestFrom(planned);
    firewallReads(ctx.client).noteWrite();
    try {
      const created = await ctx.client.firewalls.create(request, { signal: ctx.signal });
      return asValue(created, planned);
    } catch (err) {
      throw firewallApiError(err, 'Creating the firewall', request);
    }
  },

  async read(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return null;
    try {
      const firewall = await firewallReads(ctx.client).read(id, ctx.signal);
      // Deleted behind Terraform's back: it leaves state, and the next plan creates it again.
      return firewall === undefined ? null : asValue(firewall, state);
    } catch (err) {
      throw firewallApiError(err, 'Reading the firewall', {});
    }
  },

  async update(ctx: Ctx, prior, planned) {
    const { id } = stateFromValue(prior);
    const request = updateRequestFrom(prior, planned);
    firewallReads(ctx.client).noteWrite();
    try {
      // Nothing the API holds changed (only the timeouts block): read back instead of an empty PATCH.
      const firewall =
        Object.keys(request).length === 0
          ? await ctx.client.firewalls.get(id ?? '', { signal: ctx.signal })
          : await ctx.client.firewalls.update(id ?? '', request, { signal: ctx.signal });
      return asValue(firewall, planned);
    } catch (err) {
      throw firewallApiError(err, 'Updating the firewall', request);
    }
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    firewallReads(ctx.client).noteWrite();
    await deleteWhenReleased(ctx, id, timeoutMs(state, 'delete', DEFAULT_DELETE_TIMEOUT));
  },

  importState(id: string) {
    return importById(firewallSchema, id, {
      noun: 'a firewall',
      pattern: /^fw_[A-Za-z0-9]+$/,
      example: 'fw_2bX9...',
      listCommand: 'npx lyctl firewall list',
    });
  },
};

/**
 * Deletes the firewall, retrying while instances still use it (409 `resource_in_use`) for up to `limitMs`:
 * in one `terraform destroy` the instances are usually being deleted or moved to another firewall at the same
 * time, and the API lets go of the firewall a moment later. A firewall already gone is a successful delete.
 */
async function deleteWhenReleased(ctx: Ctx, id: string, limitMs: number): Promise<void> {
  const client = clientModule();
  let holders: readonly string[] = [];
  try {
    await client.waitFor({
      description: `firewall ${id} to be released by its instances`,
      poll: async (signal) => {
        try {
          await ctx.client.firewalls.delete(id, signal === undefined ? {} : { signal });
          return true;
        } catch (err) {
          if (client.isNotFoundError(err)) return true;
          if (!client.isResourceInUseError(err)) throw err;
          holders = err.heldBy ?? [];
          return false;
        }
      },
      until: (deleted) => deleted,
      describeLast: () => `still used by ${holders.join(', ') || 'instances'}`,
      intervalMs: 1000,
      maxIntervalMs: 5000,
      timeoutMs: limitMs,
      signal: ctx.signal,
    });
  } catch (err) {
    if (err instanceof client.LightyearWaitTimeoutError) {
      const count = holders.length;
      const which =
        count === 0 ? 'instances' : `${count === 1 ? 'instance' : 'instances'} ${holders.join(', ')}`;
      throw new ResourceError(
        'Firewall still in use',
        `Firewall ${id} is still used by ${which} after ${Math.round(limitMs / 1000)} s of retrying. Set their firewall_id to another firewall or to null, or destroy them, then run this again; timeouts.delete sets how long to wait.`,
        undefined,
        'resource_in_use',
      );
    }
    throw firewallApiError(err, 'Deleting the firewall', {});
  }
}
