import type { LightyearClient } from '../../../client';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { PartialCreateError } from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import { apiCall, deleteIgnoringGone, importById } from '../operations';
import { retryWhileBusy } from '../retry-busy';
import { settle } from '../settle';
import { createRequestFrom, stateFromApi, stateFromValue } from './model';
import { snapshotReads } from './reads';
import { SNAPSHOT_TIMEOUTS, SNAPSHOT_TYPE, snapshotSchema, type SnapshotState } from './schema';

type Ctx = OperationContext<LightyearClient>;

const asValue = (state: SnapshotState) => toValue(snapshotSchema, state);

export const snapshotResource: ResourceDefinition<LightyearClient> = {
  typeName: SNAPSHOT_TYPE,
  schema: snapshotSchema,

  async create(ctx: Ctx, planned) {
    const { timeouts } = stateFromValue(planned);
    const request = createRequestFrom(planned);
    snapshotReads(ctx.client).noteWrite();
    // An instance still provisioning or resizing has no stable disk yet: a busy refusal that passes.
    // The idempotency key is fresh per attempt: a busy refusal created nothing.
    const created = await retryWhileBusy(
      ctx.client,
      snapshotSchema,
      (signal) => ctx.client.snapshots.create(request, { signal }),
      {
        what: 'Creating the snapshot',
        description: `instance ${request.instance_id} to accept a snapshot`,
        planned,
        operation: 'create',
        defaultTimeout: SNAPSHOT_TIMEOUTS.create,
        signal: ctx.signal,
      },
    );
    try {
      const complete = await settle(snapshotSchema, {
        description: `snapshot ${created.id} to complete`,
        poll: (signal) => ctx.client.snapshots.get(created.id, { signal }),
        until: (snapshot) => snapshot.status === 'complete',
        describe: (snapshot) => `status ${snapshot.status}`,
        planned,
        operation: 'create',
        defaultTimeout: SNAPSHOT_TIMEOUTS.create,
        signal: ctx.signal,
      });
      return asValue(stateFromApi(complete, timeouts));
    } catch (err) {
      // The snapshot exists: keep it in state (tainted) rather than lose track of it.
      throw new PartialCreateError(asValue(stateFromApi(created, timeouts)), err);
    }
  },

  async read(ctx: Ctx, state) {
    const { id, timeouts } = stateFromValue(state);
    if (id === null) return null;
    const snapshot = await apiCall('Reading the snapshot', snapshotSchema, () =>
      snapshotReads(ctx.client).read(id, ctx.signal),
    );
    // Deleted behind Terraform's back: it leaves state, and the next plan takes a new one.
    return snapshot === undefined ? null : asValue(stateFromApi(snapshot, timeouts));
  },

  // Every argument forces replacement, so an update only ever changes `timeouts`, which is Terraform's own.
  update(_ctx: Ctx, _prior, planned) {
    return Promise.resolve(planned);
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    snapshotReads(ctx.client).noteWrite();
    await deleteIgnoringGone('Deleting the snapshot', snapshotSchema, () =>
      ctx.client.snapshots.delete(id, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    return importById(snapshotSchema, id, {
      noun: 'a snapshot',
      pattern: /^snap_[A-Za-z0-9]+$/,
      example: 'snap_2bX9...',
      listCommand: 'npx lyctl snapshot list',
    });
  },
};
