import type { Block, CreateBlockRequest, UpdateBlockRequest } from '../../../api';
import type { ObjectValue } from '../../protocol/values';
import { readState } from '../../framework/typed-state';
import { canonicalRegion } from './rules';
import { blockStorageSchema, type BlockStorageState } from './schema';

export function stateFromValue(v: ObjectValue): BlockStorageState {
  return readState(blockStorageSchema, v);
}

/** The volume as the API takes it: label trimmed, region id lower-case, as the API stores them. */
export function createRequestFrom(planned: ObjectValue): CreateBlockRequest {
  const s = stateFromValue(planned);
  return {
    region: canonicalRegion(s.region ?? ''),
    size_gb: s.size_gb ?? 0,
    label: (s.label ?? '').trim(),
  };
}

/**
 * Only what changed: a relabel sends no size, a grow no label. Undefined when nothing the API holds changed
 * (a `timeouts` edit alone).
 */
export function updateRequestFrom(prior: ObjectValue, planned: ObjectValue): UpdateBlockRequest | undefined {
  const before = stateFromValue(prior);
  const after = stateFromValue(planned);
  const request: UpdateBlockRequest = {};
  const label = (after.label ?? '').trim();
  if (label !== (before.label ?? '').trim()) request.label = label;
  if (after.size_gb !== null && after.size_gb !== before.size_gb) request.size_gb = after.size_gb;
  return Object.keys(request).length === 0 ? undefined : request;
}

/**
 * The API object as state, in the API's spelling (the server keeps the user's spelling wherever the two
 * mean the same); `timeouts` is Terraform's alone and comes from the plan or the prior state.
 */
export function stateFromApi(block: Block, timeouts: BlockStorageState['timeouts']): BlockStorageState {
  return {
    id: block.id,
    label: block.label,
    region: block.region,
    size_gb: block.size_gb,
    status: block.status,
    attached_to_instance_id: block.attached_to_instance_id,
    created_at: block.created_at,
    timeouts,
  };
}
