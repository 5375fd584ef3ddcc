import type { Block } from '../../../api';
import type { LightyearClient } from '../../../client';
import { clientModule } from '../../client-module';
import { ResourceError } from '../../framework/errors';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import { apiCall, deleteIgnoringGone, importById } from '../operations';
import { blockReads } from '../block-storage/reads';
import { retryWhileBusy } from '../retry-busy';
import { stateFromBlock, stateFromValue } from './model';
import { BLOCK_ID } from './rules';
import {
  ATTACHMENT_TIMEOUTS,
  BLOCK_STORAGE_ATTACHMENT_TYPE,
  blockStorageAttachmentSchema,
  type BlockStorageAttachmentState,
} from './schema';

type Ctx = OperationContext<LightyearClient>;

const IMPORT_ID = {
  noun: 'a block storage volume',
  pattern: BLOCK_ID,
  example: 'blk_2bX9...',
  listCommand: 'npx lyctl volume list',
} as const;

const schema = blockStorageAttachmentSchema;
const asValue = (state: BlockStorageAttachmentState) => toValue(schema, state);

export const blockStorageAttachmentResource: ResourceDefinition<LightyearClient> = {
  typeName: BLOCK_STORAGE_ATTACHMENT_TYPE,
  schema,

  async create(ctx: Ctx, planned) {
    const { block_id: blockId, instance_id: instanceId, timeouts } = stateFromValue(planned);
    if (blockId === null || instanceId === null) throw new Error('block_id and instance_id must be known');
    blockReads(ctx.client).noteWrite();
    let attached: Block;
    try {
      // A new instance is `pending` for a while, a new volume too: both are busy refusals that pass.
      attached = await retryWhileBusy(
        ctx.client,
        schema,
        (signal) => ctx.client.blocks.attach(blockId, instanceId, { signal }),
        {
          what: 'Attaching the block storage volume',
          description: `block storage volume ${blockId} to attach to instance ${instanceId}`,
          planned,
          operation: 'create',
          defaultTimeout: ATTACHMENT_TIMEOUTS.create,
          signal: ctx.signal,
        },
      );
    } catch (err) {
      // Already attached to this very instance (outside Terraform, or a retried apply): that is the goal.
      const current = await ctx.client.blocks.get(blockId, { signal: ctx.signal }).catch(() => undefined);
      if (current?.attached_to_instance_id !== instanceId) throw err;
      attached = current;
    }
    const state = stateFromBlock(attached, instanceId, timeouts);
    if (state === null) throw new Error(`volume ${blockId} did not report the attachment to ${instanceId}`);
    return asValue(state);
  },

  async read(ctx: Ctx, state) {
    const { id, block_id: blockId, instance_id: instanceId, timeouts } = stateFromValue(state);
    const volumeId = blockId ?? id;
    if (volumeId === null) return null;
    const block = await apiCall('Reading the block storage volume', schema, () =>
      blockReads(ctx.client).read(volumeId, ctx.signal),
    );
    // Gone when the volume is gone, or detached (or moved to another instance) behind Terraform's back: the
    // attachment leaves state and the next plan attaches it again.
    if (block === undefined) return null;
    const current = stateFromBlock(block, instanceId, timeouts);
    return current === null ? null : asValue(current);
  },

  // Every argument forces replacement, so an update only ever changes `timeouts`, which is Terraform's own.
  update(_ctx: Ctx, _prior, planned) {
    return Promise.resolve(planned);
  },

  async delete(ctx: Ctx, state) {
    const { block_id: blockId, instance_id: instanceId } = stateFromValue(state);
    if (blockId === null) return;
    blockReads(ctx.client).noteWrite();
    const block = await apiCall('Reading the block storage volume', schema, () =>
      ctx.client.blocks.get(blockId, { signal: ctx.signal }).catch((err: unknown) => {
        if (clientModule().isNotFoundError(err)) return undefined;
        throw err;
      }),
    );
    // Detach only our attachment: a volume since attached elsewhere is not this resource's to detach.
    if (block === undefined || block.attached_to_instance_id !== instanceId) return;
    await deleteIgnoringGone('Detaching the block storage volume', schema, () =>
      ctx.client.blocks.detach(blockId, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    if (!BLOCK_ID.test(id)) {
      throw new ResourceError(
        'Invalid import id',
        `"${id}" is not a block storage volume id. An attachment is imported by the id of its volume, like blk_2bX9... (see \`npx lyctl volume list\`).`,
        undefined,
        'invalid_import_id',
      );
    }
    return { ...importById(schema, id, IMPORT_ID), block_id: id };
  },
};
