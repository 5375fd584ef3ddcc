import type { CreateSnapshotRequest, ListSnapshotsQuery, Snapshot } from '../../api';
import { snapshotListSchema, snapshotResponseSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { Collection, paged, unwrapped } from './collection';

/** Filter `instance_id`; snapshots sort by creation time only. */
export type SnapshotListQuery = ListQuery<ListSnapshotsQuery>;

/**
 * `/snapshots`: created `pending`, `complete` later (wait with `waitFor`). Taking one of an instance that is
 * still provisioning or resizing is a busy 409 (`isBusyError`). Snapshots are never changed, only deleted.
 */
export type Snapshots = Collection<Snapshot, CreateSnapshotRequest, SnapshotListQuery>;

export function snapshots(api: ApiRequester): Snapshots {
  const one = unwrapped(snapshotResponseSchema, 'snapshot');
  return new Collection(api, {
    path: '/snapshots',
    idName: 'snapshot id',
    one,
    created: one,
    page: paged(snapshotListSchema, 'snapshots'),
  });
}
