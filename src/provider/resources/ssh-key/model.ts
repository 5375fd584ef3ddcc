import type { CreateSshKeyRequest, SshKey } from '../../../api';
import type { ObjectValue } from '../../protocol/values';
import { readState } from '../../framework/typed-state';
import { sshKeySchema, type SshKeyState } from './schema';

export function stateFromValue(v: ObjectValue): SshKeyState {
  return readState(sshKeySchema, v);
}

/** The key as the API takes it: surrounding white space (a `file()` newline) is not part of it. */
export function createRequestFrom(planned: ObjectValue): CreateSshKeyRequest {
  const s = stateFromValue(planned);
  return { name: (s.name ?? '').trim(), public_key: (s.public_key ?? '').trim() };
}

/**
 * The API object as state, in the API's spelling; the server keeps the user's spelling wherever the two mean
 * the same (framework/equivalence.ts).
 */
export function stateFromApi(key: SshKey): SshKeyState {
  return {
    id: key.id,
    name: key.name,
    public_key: key.public_key,
    fingerprint: key.fingerprint,
    created_at: key.created_at,
  };
}
