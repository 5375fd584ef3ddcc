import { listReply } from '../http/list-reply';
import {
  createSnapshotRequestSchema,
  listSnapshotsQuerySchema,
  snapshotListSchema,
  snapshotResponseSchema,
  type Snapshot,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { BusyError, InvalidRequestError, NotFoundError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';

const COLLECTION = '/v1/snapshots';
const ITEM = '/v1/snapshots/:id';

/**
 * `/v1/snapshots`: snapshots of an instance's disk. A new one is `pending` and completes after
 * `snapshotMs` (emitting `instance.snapshot_completed`); snapshots outlive their instance.
 */
export function snapshotRoutes({ store, clock, lifecycle }: CloudContext): Route[] {
  lifecycle.register((nowIso) => store.snapshots.completeDue(nowIso));

  const found = (id: string, snapshot: Snapshot | undefined): Snapshot => {
    if (snapshot === undefined) {
      throw new NotFoundError(`There is no snapshot with id ${id}.`, { resource: 'snapshot', id });
    }
    return snapshot;
  };

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Take a snapshot of an instance',
        body: createSnapshotRequestSchema,
        status: 202,
        response: snapshotResponseSchema,
      },
      permission: 'snapshots:write',
      handler: ({ body }) => {
        const request = parseBody(createSnapshotRequestSchema, body);
        return store.transaction(() => {
          const instance = store.instances.get(request.instance_id);
          if (instance === undefined)
            throw InvalidRequestError.forField('instance_id', 'does not name an instance');
          // A pending instance has no disk yet, and a resizing one's disk is changing under the copy.
          if (instance.status === 'pending' || instance.status === 'resizing') {
            throw new BusyError(
              `Instance ${instance.id} is ${instance.status}; snapshots can be taken once it is active.`,
              { field: 'instance_id', status: instance.status },
            );
          }
          const now = clock.nowIso();
          const snapshot = store.snapshots.insert(
            {
              id: newId('snapshot'),
              instance_id: instance.id,
              description: request.description ?? null,
              size_gb: instance.disk_gb,
              created_at: now,
            },
            new Date(clock.nowMs() + lifecycle.durations.snapshotMs).toISOString(),
          );
          return { status: 202, body: { snapshot }, headers: { Location: `${COLLECTION}/${snapshot.id}` } };
        });
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List snapshots',
        query: listSnapshotsQuerySchema,
        status: 200,
        response: snapshotListSchema,
      },
      permission: 'snapshots:read',
      handler: ({ query }): Reply => {
        const { per_page, cursor, order, instance_id } = parseQuery(listSnapshotsQuerySchema, query);
        return listReply('snapshots', () =>
          store.snapshots.list({ order, perPage: per_page, instanceId: instance_id, cursor }),
        );
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get a snapshot', status: 200, response: snapshotResponseSchema },
      permission: 'snapshots:read',
      handler: ({ params }) => {
        const id = params.id as string;
        return { status: 200, body: { snapshot: found(id, store.snapshots.get(id)) } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete a snapshot', status: 204 },
      permission: 'snapshots:write',
      handler: ({ params }) => {
        const id = params.id as string;
        if (!store.snapshots.delete(id)) found(id, undefined);
        return { status: 204 };
      },
    },
  ];
}
