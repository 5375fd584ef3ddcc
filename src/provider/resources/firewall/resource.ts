import type { LightyearClient } from '../../../client';
import type { Firewall } from '../../../api';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import type { ObjectValue } from '../../protocol/values';
import { deleteWhileHeld } from '../delete-while-held';
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
    await deleteWhileHeld({
      noun: 'Firewall',
      id,
      send: (signal) => ctx.client.firewalls.delete(id, { signal }),
      heldAs: 'used by',
      remedy: 'Set their firewall_id to another firewall or to null, or destroy them.',
      state,
      defaultTimeout: DEFAULT_DELETE_TIMEOUT,
      signal: ctx.signal,
      failed: (err) => firewallApiError(err, 'Deleting the firewall', {}),
    });
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
