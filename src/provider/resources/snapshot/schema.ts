import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { timeoutsBlock } from '../../framework/timeouts';
import { checkDescription, checkInstanceId, sameDescription } from './rules';

export const SNAPSHOT_TYPE = 'lightyear_snapshot';

/** How long a create may wait for the instance to be snapshottable and the snapshot to complete. */
export const SNAPSHOT_TIMEOUTS = { create: '20m' } as const;

export const snapshotSchema = resourceSchema({
  version: 0,
  description:
    'A snapshot of an instance’s disk, taken when the resource is created. Snapshots never change: changing any argument takes a new snapshot and deletes the old one. A snapshot outlives its instance.',
  attributes: {
    id: attr.string({
      description: 'The snapshot id (`snap_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    instance_id: attr.string({
      description:
        'The instance to snapshot (`inst_...`). Creating waits while it is still provisioning or resizing. Changing it takes a new snapshot.',
      required: true,
      validate: checkInstanceId,
      planModifiers: [requiresReplace()],
    }),
    description: attr.string({
      description:
        'Free text shown with the snapshot, at most 255 characters; surrounding blanks are not part of it. Leaving it out and `""` both mean no description, which state shows as `""`. Changing it takes a new snapshot; removing it from the configuration later keeps the snapshot as it is.',
      optional: true,
      computed: true,
      validate: checkDescription,
      equivalent: sameDescription,
      planModifiers: [useStateForUnknown(), requiresReplace()],
    }),
    status: attr.string({
      description: '`complete` once the snapshot is taken (a create waits for that).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    size_gb: attr.number({
      description: 'The size of the instance’s disk when the snapshot was taken, in GB.',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    created_at: attr.string({
      description: 'When the snapshot was taken (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
  blocks: { timeouts: timeoutsBlock(SNAPSHOT_TIMEOUTS) },
});

export type SnapshotState = StateOf<typeof snapshotSchema>;
