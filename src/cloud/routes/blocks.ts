import { listReply } from '../http/list-reply';
import {
  attachBlockRequestSchema,
  blockListSchema,
  blockResponseSchema,
  createBlockRequestSchema,
  listBlocksQuerySchema,
  updateBlockRequestSchema,
  type Block,
  type Instance,
} from '../../api';
import { REGIONS, findRegion, regionHasFeature } from '../catalog';
import type { CloudContext } from '../cloud-context';
import { BusyError, ConflictError, InvalidRequestError, NotFoundError, ResourceInUseError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';

const COLLECTION = '/v1/blocks';
const ITEM = '/v1/blocks/:id';

const BLOCK_REGIONS = REGIONS.filter((region) => regionHasFeature(region, 'block_storage')).map((r) => r.id);

/**
 * `/v1/blocks`: block storage volumes. A new volume is `pending` for `blockMs`, then `active`; one created
 * with `attached_to_instance_id` completes that attachment when it becomes active. Attach and detach of
 * an active volume take effect within the request (the answer is 202 because the guest sees the device
 * change asynchronously) and emit `block.attached` / `block.detached` in the same transaction.
 */
export function blockRoutes({ store, clock, lifecycle }: CloudContext): Route[] {
  lifecycle.register((nowIso) => {
    store.blocks.activateDue(nowIso);
  });

  const found = (id: string, block: Block | undefined): Block => {
    if (block === undefined)
      throw new NotFoundError(`There is no block volume with id ${id}.`, { resource: 'block', id });
    return block;
  };

  /** The instance named by `field`: it must exist and be in the volume's region (else 400 on `field`). */
  const instanceInRegion = (field: string, instanceId: string, region: string): Instance => {
    const instance = store.instances.get(instanceId);
    if (instance === undefined)
      throw InvalidRequestError.forField(field, 'must be the id of an existing instance');
    if (instance.region !== region) {
      throw InvalidRequestError.forField(
        field,
        `must be an instance in region ${region}, where the volume is (instance ${instanceId} is in ${instance.region})`,
      );
    }
    return instance;
  };

  /**
   * Only an active instance takes a volume. A pending or resizing one will be active soon (busy: retry); a
   * suspended one stays so until billing says otherwise (a plain conflict).
   */
  const requireActive = (field: string, instance: Instance): void => {
    if (instance.status === 'active') return;
    const Refusal = instance.status === 'suspended' ? ConflictError : BusyError;
    throw new Refusal(
      `Instance ${instance.id} is ${instance.status}; a volume can be attached only to an active instance.`,
      { field, instance_id: instance.id, instance_status: instance.status },
    );
  };

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Create a block storage volume',
        body: createBlockRequestSchema,
        status: 202,
        response: blockResponseSchema,
      },
      permission: 'blocks:write',
      handler: ({ body }) => {
        const request = parseBody(createBlockRequestSchema, body);
        checkRegion(request.region);
        const block = store.transaction((): Block => {
          const instanceId = request.attached_to_instance_id ?? null;
          if (instanceId !== null) {
            requireActive(
              'attached_to_instance_id',
              instanceInRegion('attached_to_instance_id', instanceId, request.region),
            );
          }
          const now = clock.nowMs();
          const created: Block = {
            id: newId('block'),
            label: request.label,
            region: request.region,
            size_gb: request.size_gb,
            status: 'pending',
            attached_to_instance_id: instanceId,
            created_at: new Date(now).toISOString(),
          };
          store.blocks.insert(created, new Date(now + lifecycle.durations.blockMs).toISOString());
          return created;
        });
        return { status: 202, body: { block }, headers: { Location: `${COLLECTION}/${block.id}` } };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List block storage volumes',
        query: listBlocksQuerySchema,
        status: 200,
        response: blockListSchema,
      },
      permission: 'blocks:read',
      handler: ({ query }): Reply => {
        const request = parseQuery(listBlocksQuerySchema, query);
        return listReply('blocks', () =>
          store.blocks.list({
            sort: request.sort,
            order: request.order,
            perPage: request.per_page,
            region: request.region,
            label: request.label,
            attachedToInstanceId: request.attached_to_instance_id,
            cursor: request.cursor,
          }),
        );
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get a block storage volume', status: 200, response: blockResponseSchema },
      permission: 'blocks:read',
      handler: ({ params }) => {
        const id = params.id as string;
        return { status: 200, body: { block: found(id, store.blocks.get(id)) } };
      },
    },
    {
      method: 'PATCH',
      path: ITEM,
      describe: {
        summary: 'Relabel a block storage volume or grow it',
        body: updateBlockRequestSchema,
        status: 200,
        response: blockResponseSchema,
      },
      permission: 'blocks:write',
      handler: ({ params, body }) => {
        const id = params.id as string;
        const request = parseBody(updateBlockRequestSchema, body);
        const block = store.transaction(() => {
          const current = found(id, store.blocks.get(id));
          if (request.size_gb !== undefined && request.size_gb < current.size_gb) {
            throw InvalidRequestError.forField(
              'size_gb',
              `must be at least the current size of ${current.size_gb} GB (a volume only grows)`,
            );
          }
          return found(id, store.blocks.update(id, { label: request.label, size_gb: request.size_gb }));
        });
        return { status: 200, body: { block } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete a block storage volume', status: 204, errors: ['resource_in_use'] },
      permission: 'blocks:write',
      handler: ({ params }) => {
        const id = params.id as string;
        store.transaction(() => {
          const block = found(id, store.blocks.get(id));
          if (block.attached_to_instance_id !== null) {
            throw new ResourceInUseError(
              `Block volume ${id} is attached to instance ${block.attached_to_instance_id}; detach it first.`,
              {
                resource: 'block',
                id,
                attached_to_instance_id: block.attached_to_instance_id,
                held_by: [block.attached_to_instance_id],
              },
            );
          }
          store.blocks.delete(id);
        });
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${ITEM}/attach`,
      describe: {
        summary: 'Attach a block storage volume to an instance',
        body: attachBlockRequestSchema,
        status: 202,
        response: blockResponseSchema,
        errors: ['resource_in_use'],
      },
      permission: 'blocks:write',
      handler: ({ params, body }) => {
        const id = params.id as string;
        const { instance_id } = parseBody(attachBlockRequestSchema, body);
        const block = store.transaction(() => {
          // Request errors first (400), then the volume's state, then the instance's: the volume is the
          // resource the request is about.
          const current = found(id, store.blocks.get(id));
          const instance = instanceInRegion('instance_id', instance_id, current.region);
          if (current.status !== 'active') {
            throw new BusyError(`Block volume ${id} is ${current.status}; wait until it is active.`, {
              id,
              status: current.status,
            });
          }
          if (current.attached_to_instance_id !== null) {
            throw new ResourceInUseError(
              `Block volume ${id} is already attached to instance ${current.attached_to_instance_id}; detach it first.`,
              {
                resource: 'block',
                id,
                attached_to_instance_id: current.attached_to_instance_id,
                held_by: [current.attached_to_instance_id],
              },
            );
          }
          requireActive('instance_id', instance);
          return found(id, store.blocks.attach(id, instance.id, clock.nowIso()));
        });
        return { status: 202, body: { block } };
      },
    },
    {
      method: 'POST',
      path: `${ITEM}/detach`,
      describe: { summary: 'Detach a block storage volume', status: 202, response: blockResponseSchema },
      permission: 'blocks:write',
      handler: ({ params }) => {
        const id = params.id as string;
        const block = store.transaction(() => found(id, store.blocks.detach(id, clock.nowIso())));
        return { status: 202, body: { block } };
      },
    },
  ];
}

function checkRegion(regionId: string): void {
  const region = findRegion(regionId);
  if (region === undefined || !regionHasFeature(region, 'block_storage')) {
    const what = region === undefined ? 'a region id' : `a region with block storage (${regionId} has none)`;
    throw InvalidRequestError.forField('region', `must be ${what}: one of ${BLOCK_REGIONS.join(', ')}`);
  }
}
