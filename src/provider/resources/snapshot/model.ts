import type { CreateSnapshotRequest, Snapshot } from '../../../api';
import type { ObjectValue } from '../../protocol/values';
import { readState } from '../../framework/typed-state';
import { canonicalDescription } from './rules';
import { snapshotSchema, type SnapshotState } from './schema';

export function stateFromValue(v: ObjectValue): SnapshotState {
  return readState(snapshotSchema, v);
}

/** A blank description is no description: the API takes none rather than an empty one. */
export function createRequestFrom(planned: ObjectValue): CreateSnapshotRequest {
  const s = stateFromValue(planned);
  const description = canonicalDescription(s.description);
  return { instance_id: s.instance_id ?? '', ...(description === undefined ? {} : { description }) };
}

/**
 * The API object as state, in the API's spelling; no description (null) reads as `""`, so that leaving the
 * description out and writing `""` both plan empty after an import.
 */
export function stateFromApi(snapshot: Snapshot, timeouts: SnapshotState['timeouts']): SnapshotState {
  return {
    id: snapshot.id,
    instance_id: snapshot.instance_id,
    description: snapshot.description ?? '',
    status: snapshot.status,
    size_gb: snapshot.size_gb,
    created_at: snapshot.created_at,
    timeouts,
  };
}
