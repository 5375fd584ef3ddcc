import type { Block } from '../../../api';
import type { ObjectValue } from '../../protocol/values';
import { readState } from '../../framework/typed-state';
import { blockStorageAttachmentSchema, type BlockStorageAttachmentState } from './schema';

export function stateFromValue(v: ObjectValue): BlockStorageAttachmentState {
  return readState(blockStorageAttachmentSchema, v);
}

/**
 * The attachment as the volume shows it, or null when the volume is attached to no instance or to another
 * one than `instanceId` (null: whichever it is attached to, as after an import by volume id).
 */
export function stateFromBlock(
  block: Block,
  instanceId: string | null,
  timeouts: BlockStorageAttachmentState['timeouts'],
): BlockStorageAttachmentState | null {
  const attachedTo = block.attached_to_instance_id;
  if (attachedTo === null || (instanceId !== null && attachedTo !== instanceId)) return null;
  return { id: block.id, block_id: block.id, instance_id: attachedTo, timeouts };
}
