import type { Block, CreateBlockRequest, ListBlocksQuery, UpdateBlockRequest } from '../../api';
import { blockListSchema, blockResponseSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery, PostOptions } from './collection';
import { UpdatableCollection, paged, unwrapped } from './collection';

/** Filters `region`, `label`, `attached_to_instance_id`; sort by `created_at` or `label`. */
export type BlockListQuery = ListQuery<ListBlocksQuery>;

/**
 * `/blocks`: block storage volumes, `pending` until provisioned, then `active`. `size_gb` only grows. An
 * attached volume cannot be deleted nor attached again (409 `resource_in_use`, `heldBy` naming the instance).
 */
export class Blocks extends UpdatableCollection<
  Block,
  CreateBlockRequest,
  UpdateBlockRequest,
  BlockListQuery
> {
  constructor(api: ApiRequester) {
    const one = unwrapped(blockResponseSchema, 'block');
    super(api, {
      path: '/blocks',
      idName: 'block id',
      one,
      created: one,
      page: paged(blockListSchema, 'blocks'),
    });
  }

  /**
   * Attaches the volume to an instance in its region. A volume or instance that is not active yet is a busy
   * 409 (`isBusyError`: retry later); a volume attached elsewhere is 409 `resource_in_use`.
   */
  attach(id: string, instanceId: string, options?: PostOptions): Promise<Block> {
    return this.action(id, 'attach', { instance_id: instanceId }, options);
  }

  /** Detaching a detached volume changes nothing, so a retry is harmless. */
  detach(id: string, options?: PostOptions): Promise<Block> {
    return this.action(id, 'detach', undefined, options);
  }
}
