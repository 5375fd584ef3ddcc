import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { timeoutsBlock } from '../../framework/timeouts';
import { checkBlockId, checkInstanceId } from './rules';

export const BLOCK_STORAGE_ATTACHMENT_TYPE = 'lightyear_block_storage_attachment';

/** How long an attach may wait for the instance (or the volume) to become active, and a detach to finish. */
export const ATTACHMENT_TIMEOUTS = { create: '10m', delete: '5m' } as const;

export const blockStorageAttachmentSchema = resourceSchema({
  version: 0,
  description:
    'Attaches a block storage volume to an instance in the same region. A volume has at most one attachment, so the attachment is identified by the volume id (import it by that id). Creating it waits while the instance is still provisioning or resizing; destroying it detaches the volume, keeping its data.',
  attributes: {
    id: attr.string({
      description: 'The id of the attached volume (`blk_...`): a volume has at most one attachment.',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    block_id: attr.string({
      description:
        'The volume to attach (`blk_...`, usually `lightyear_block_storage.<name>.id`). Changing it detaches the old volume and attaches the new one.',
      required: true,
      validate: checkBlockId,
      planModifiers: [requiresReplace()],
    }),
    instance_id: attr.string({
      description:
        'The instance to attach it to (`inst_...`), in the volume’s region. Changing it detaches the volume and attaches it to the new instance.',
      required: true,
      validate: checkInstanceId,
      planModifiers: [requiresReplace()],
    }),
  },
  blocks: { timeouts: timeoutsBlock(ATTACHMENT_TIMEOUTS) },
});

export type BlockStorageAttachmentState = StateOf<typeof blockStorageAttachmentSchema>;
