import type { Value } from '../../protocol/values';

/** Ids as the API writes them; anything else can never name an object, so it is refused at validate time. */
export const BLOCK_ID = /^blk_[A-Za-z0-9]+$/;
export const INSTANCE_ID = /^inst_[A-Za-z0-9]+$/;

export function checkBlockId(value: Value): string | undefined {
  if (typeof value !== 'string' || BLOCK_ID.test(value)) return undefined;
  return `block_id must be a block storage volume id like blk_2bX9... (got ${JSON.stringify(value)}); use lightyear_block_storage.<name>.id`;
}

export function checkInstanceId(value: Value): string | undefined {
  if (typeof value !== 'string' || INSTANCE_ID.test(value)) return undefined;
  return `instance_id must be an instance id like inst_2bX9... (got ${JSON.stringify(value)}); use lightyear_instance.<name>.id`;
}
