import type { CreateInstanceRequest, Instance, ListInstancesQuery, UpdateInstanceRequest } from '../../api';
import { instanceListSchema, instanceResponseSchema } from '../../api';
import type { ApiRequester, CallOptions } from '../request-spec';
import type { ListQuery, PostOptions } from './collection';
import { UpdatableCollection, paged, unwrapped } from './collection';

/** Filters `label`, `region`, `status`, `tag`; sort by `created_at` or `label`. */
export type InstanceListQuery = ListQuery<ListInstancesQuery>;

/**
 * `/instances`. Creates answer 202 with a `pending` instance that becomes `active` later; a plan change
 * (`resize`) goes through `resizing`; the power actions change `power_status` later. While any of those is
 * under way, changes and actions are refused with a busy 409 (`isBusyError`): wait with `waitFor`.
 */
export class Instances extends UpdatableCollection<
  Instance,
  CreateInstanceRequest,
  UpdateInstanceRequest,
  InstanceListQuery
> {
  constructor(api: ApiRequester) {
    const one = unwrapped(instanceResponseSchema, 'instance');
    super(api, {
      path: '/instances',
      idName: 'instance id',
      one,
      created: one,
      page: paged(instanceListSchema, 'instances'),
    });
  }

  /** Powers the instance on; starting a running one changes nothing. */
  start(id: string, options?: PostOptions): Promise<Instance> {
    return this.action(id, 'start', undefined, options);
  }

  /** Powers the instance off; stopping a stopped one changes nothing. */
  stop(id: string, options?: PostOptions): Promise<Instance> {
    return this.action(id, 'stop', undefined, options);
  }

  /** A stopped instance cannot be rebooted (a plain 409: start it instead). */
  reboot(id: string, options?: PostOptions): Promise<Instance> {
    return this.action(id, 'reboot', undefined, options);
  }

  /**
   * Moves the instance to another plan: a `PATCH` of `plan`, spelt out because it is the slow change. The
   * plan must be offered in the instance's region with a disk at least as large (else 400 on `plan`).
   */
  resize(id: string, plan: string, options?: CallOptions): Promise<Instance> {
    return this.update(id, { plan }, options);
  }
}
