import type { ApiKey, CreateApiKeyRequest } from '../../../api';
import {
  canonicalAllowedIps,
  canonicalPermission,
  canonicalTimestamp,
  judge,
  timestampMs,
} from '../../../spelling';
import type { ObjectValue } from '../../protocol/values';
import { readState } from '../../framework/typed-state';
import { apiKeySchema, type ApiKeyState } from './schema';

export function stateFromValue(v: ObjectValue): ApiKeyState {
  return readState(apiKeySchema, v);
}

/**
 * The create request from a planned key, in the API's spelling: permissions lower-case (validation has
 * refused unknown ones), the expiry as UTC with `Z` (the API takes no offsets), ranges canonical
 * (`203.0.113.7` → `203.0.113.7/32`, `::0/0` → `::/0`, repeats dropped) so the request is what the API
 * stores; ranges validation could not judge (unknown at plan) go as written, for the API to refuse.
 */
export function createRequestFrom(planned: ObjectValue): CreateApiKeyRequest {
  const s = stateFromValue(planned);
  const permissions = [
    ...new Set((s.permissions ?? []).map((p) => canonicalPermission(p) ?? p.trim())),
  ].sort();
  return {
    name: (s.name ?? '').trim(),
    permissions,
    ...(s.expires_at === null ? {} : { expires_at: canonicalTimestamp(s.expires_at) }),
    ...(s.allowed_ips === null ? {} : { allowed_ips: allowedIpsRequest(s.allowed_ips) }),
  };
}

function allowedIpsRequest(ranges: readonly string[]): string[] {
  const verdict = judge(() => canonicalAllowedIps(ranges));
  return verdict.ok ? verdict.canonical : ranges.map((ip) => ip.trim());
}

/**
 * The API object as state, in the API's spelling (the server keeps the user's wherever it means the same).
 * `secret` is what the create answered, or the one already in state: the API never shows it again, so a read
 * must not lose it; after an import it is null.
 */
export function stateFromApi(key: ApiKey, secret: string | null): ApiKeyState {
  return {
    id: key.id,
    name: key.name,
    permissions: [...key.permissions],
    expires_at: key.expires_at,
    allowed_ips: key.allowed_ips === null ? null : [...key.allowed_ips],
    prefix: key.prefix,
    secret,
    last_used_at: key.last_used_at,
    created_at: key.created_at,
  };
}

/** Whether a key that expires at `expiresAt` (API or user spelling) no longer works at `nowMs`. */
export function isExpired(expiresAt: string | null, nowMs: number): boolean {
  if (expiresAt === null) return false;
  const verdict = judge(() => timestampMs(expiresAt));
  return verdict.ok && verdict.canonical <= nowMs;
}
