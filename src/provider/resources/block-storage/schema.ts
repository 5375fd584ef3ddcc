import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { timeoutsBlock } from '../../framework/timeouts';
import { checkBlockLabel, checkBlockSize, checkRegionSpelling, sameLabel, sameRegion } from './rules';

export const BLOCK_STORAGE_TYPE = 'lightyear_block_storage';

/** How long a create waits for the volume to become active, and a delete for it to be detached. */
export const BLOCK_STORAGE_TIMEOUTS = { create: '10m', delete: '5m' } as const;

export const blockStorageSchema = resourceSchema({
  version: 0,
  description:
    'A block storage volume: a disk that outlives instances and is attached to at most one instance at a time, in its own region. Attach it with `lightyear_block_storage_attachment`. A volume only grows: a smaller `size_gb` is refused at plan time, never planned as a replacement that would lose the data.',
  attributes: {
    id: attr.string({
      description: 'The volume id (`blk_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    label: attr.string({
      description:
        'A label for the volume, 1 to 255 characters. Changing it updates the volume in place. Surrounding blanks are not part of the label.',
      required: true,
      validate: checkBlockLabel,
      equivalent: sameLabel,
    }),
    region: attr.string({
      description:
        'The region id (`ams`, `fra`, ...); it must offer block storage (the `block_storage` feature in the region catalog), which is checked at plan time. Case does not matter (`AMS` is `ams`). A volume can be attached only to instances in its region. Changing it destroys the volume and creates a new, empty one.',
      required: true,
      validate: checkRegionSpelling,
      equivalent: sameRegion,
      planModifiers: [requiresReplace()],
    }),
    size_gb: attr.number({
      description:
        'The size in GB, a whole number from 10 to 10000. Raising it grows the volume in place, keeping its data (grow the file system inside the instance afterwards). A smaller value is an error at plan time: a volume cannot shrink.',
      required: true,
      validate: checkBlockSize,
    }),
    status: attr.string({
      description: '`active` once the volume is provisioned (a create waits for that).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    attached_to_instance_id: attr.string({
      description:
        'The instance the volume is attached to now, or null. Read-only: attach with `lightyear_block_storage_attachment`, so attaching never shows as a change to the volume.',
      computed: true,
    }),
    created_at: attr.string({
      description: 'When the volume was created (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
  blocks: { timeouts: timeoutsBlock(BLOCK_STORAGE_TIMEOUTS) },
});

export type BlockStorageState = StateOf<typeof blockStorageSchema>;
