import type { LightyearClient } from '../../../client';
import { blockResizeProblem } from '../../../spelling';
import type { ModifyPlanRequest, OperationContext, ResourceDefinition } from '../../framework/resource';
import { PartialCreateError } from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import { toResourceError } from '../api-errors';
import { deleteWhileHeld } from '../delete-while-held';
import { apiCall, importById } from '../operations';
import { settle } from '../settle';
import { createRequestFrom, stateFromApi, stateFromValue, updateRequestFrom } from './model';
import { blockReads } from './reads';
import { blockRegionProblem, catalogRegions } from './regions';
import { canonicalRegion, said } from './rules';
import {
  BLOCK_STORAGE_TIMEOUTS,
  BLOCK_STORAGE_TYPE,
  blockStorageSchema,
  type BlockStorageState,
} from './schema';

type Ctx = OperationContext<LightyearClient>;

const asValue = (state: BlockStorageState) => toValue(blockStorageSchema, state);

/** One attempt to delete: done, or still attached to the instance named. */

export const blockStorageResource: ResourceDefinition<LightyearClient> = {
  typeName: BLOCK_STORAGE_TYPE,
  schema: blockStorageSchema,

  async modifyPlan(req: ModifyPlanRequest<LightyearClient>) {
    const planned = stateFromValue(req.planned);
    if (req.prior !== null) {
      const prior = stateFromValue(req.prior);
      const problem =
        prior.size_gb !== null && planned.size_gb !== null
          ? blockResizeProblem(prior.size_gb, planned.size_gb)
          : undefined;
      if (problem !== undefined) {
        req.diagnostics.error(
          'Block storage cannot shrink',
          `size_gb ${said(problem)}. Volume ${prior.id} is ${prior.size_gb} GB now; Terraform will not replace it with a smaller one, which would destroy its data.`,
          ['size_gb'],
        );
      }
    }
    // The catalog is known only once the provider is configured; until then the API judges it at apply.
    const region = req.config.region;
    const regionChanged =
      req.prior === null ||
      typeof req.prior.region !== 'string' ||
      typeof region !== 'string' ||
      canonicalRegion(req.prior.region) !== canonicalRegion(region);
    if (req.client !== undefined && typeof region === 'string' && regionChanged) {
      const client = req.client;
      const regions = await apiCall('Reading the region catalog', blockStorageSchema, () =>
        catalogRegions(client, req.signal),
      );
      const problem = blockRegionProblem(regions, canonicalRegion(region));
      if (problem !== undefined) req.diagnostics.error('Invalid region', problem, ['region']);
    }
    return undefined;
  },

  async create(ctx: Ctx, planned) {
    const { timeouts } = stateFromValue(planned);
    blockReads(ctx.client).noteWrite();
    const created = await apiCall('Creating the block storage volume', blockStorageSchema, () =>
      ctx.client.blocks.create(createRequestFrom(planned), { signal: ctx.signal }),
    );
    try {
      const active = await settle(blockStorageSchema, {
        description: `block storage volume ${created.id} to become active`,
        poll: (signal) => ctx.client.blocks.get(created.id, { signal }),
        until: (block) => block.status === 'active',
        describe: (block) => `status ${block.status}`,
        planned,
        operation: 'create',
        defaultTimeout: BLOCK_STORAGE_TIMEOUTS.create,
        signal: ctx.signal,
      });
      return asValue(stateFromApi(active, timeouts));
    } catch (err) {
      // The volume exists: keep it in state (tainted) rather than lose track of it.
      throw new PartialCreateError(asValue(stateFromApi(created, timeouts)), err);
    }
  },

  async read(ctx: Ctx, state) {
    const { id, timeouts } = stateFromValue(state);
    if (id === null) return null;
    const block = await apiCall('Reading the block storage volume', blockStorageSchema, () =>
      blockReads(ctx.client).read(id, ctx.signal),
    );
    // Deleted behind Terraform's back: it leaves state, and the next plan creates it again.
    return block === undefined ? null : asValue(stateFromApi(block, timeouts));
  },

  async update(ctx: Ctx, prior, planned) {
    const { id } = stateFromValue(prior);
    const { timeouts } = stateFromValue(planned);
    const request = updateRequestFrom(prior, planned);
    blockReads(ctx.client).noteWrite();
    const updated = await apiCall('Updating the block storage volume', blockStorageSchema, () =>
      request === undefined
        ? ctx.client.blocks.get(id ?? '', { signal: ctx.signal })
        : ctx.client.blocks.update(id ?? '', request, { signal: ctx.signal }),
    );
    return asValue(stateFromApi(updated, timeouts));
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    blockReads(ctx.client).noteWrite();
    await deleteWhileHeld({
      noun: 'Block storage volume',
      id,
      send: (signal) => ctx.client.blocks.delete(id, { signal }),
      heldAs: 'attached to',
      remedy: 'Remove its lightyear_block_storage_attachment, or detach it (npx lyctl volume detach).',
      state,
      defaultTimeout: BLOCK_STORAGE_TIMEOUTS.delete,
      signal: ctx.signal,
      failed: (err) => toResourceError(err, 'Deleting the block storage volume', blockStorageSchema),
    });
  },

  importState(id: string) {
    return importById(blockStorageSchema, id, {
      noun: 'a block storage volume',
      pattern: /^blk_[A-Za-z0-9]+$/,
      example: 'blk_2bX9...',
      listCommand: 'npx lyctl volume list',
    });
  },
};
