import type { CreateSshKeyRequest, SshKey } from '../../../api';
import type { ObjectValue } from '../../protocol/values';

/** Terraform state of a `lightyear_ssh_key`. */
export interface SshKeyState {
  id: string | null;
  name: string;
  public_key: string;
  fingerprint: string | null;
  created_at: string | null;
}

export function stateFromValue(v: ObjectValue): SshKeyState {
  return {
    id: asString(v.id),
    name: asString(v.name) ?? '',
    public_key: asString(v.public_key) ?? '',
    fingerprint: asString(v.fingerprint),
    created_at: asString(v.created_at),
  };
}

export function createRequestFrom(planned: ObjectValue): CreateSshKeyRequest {
  const s = stateFromValue(planned);
  return { name: s.name, public_key: s.public_key };
}

/**
 * The API object as state. The API normalizes the key it stores; where that is the same key as the one the
 * user wrote (`keep`), the user's spelling is kept, so Terraform never sees a configured value change after
 * apply or a spurious diff on refresh.
 */
export function stateFromApi(key: SshKey, keep?: ObjectValue | null): SshKeyState {
  const previous = keep ? asString(keep.public_key) : null;
  return {
    id: key.id,
    name: key.name,
    public_key: previous !== null && samePublicKey(previous, key.public_key) ? previous : key.public_key,
    fingerprint: key.fingerprint,
    created_at: key.created_at,
  };
}

/** Same key type, same key bytes, same comment: spelled differently at most (white space, base64 padding). */
export function samePublicKey(a: string, b: string): boolean {
  const pa = parts(a);
  const pb = parts(b);
  return (
    pa.type === pb.type &&
    pa.comment === pb.comment &&
    Buffer.from(pa.body, 'base64').equals(Buffer.from(pb.body, 'base64')) &&
    pa.body.length > 0
  );
}

function parts(key: string): { type: string; body: string; comment: string } {
  const [type = '', body = '', ...comment] = key.trim().split(/\s+/);
  return { type, body, comment: comment.join(' ') };
}

function asString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
