import {
  API_KEY_PERMISSIONS,
  canonicalAllowedIps,
  canonicalPermission,
  canonicalTimestamp,
  judge,
  NAME_LIMITS,
  nameProblem,
  sameAllowedIps,
  samePermission,
  sameTimestamp,
  type SpellingProblem,
} from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * The API's own rules for an API key (src/spelling), as the provider's validators and equivalence: judged
 * offline at validate time, so an unknown scope or a malformed range never reaches an apply.
 */

function said(problem: SpellingProblem): string {
  return problem.fix === undefined ? problem.reason : `${problem.reason}; ${problem.fix}`;
}

const strings = (value: Value): string[] =>
  Array.isArray(value) ? (value as Value[]).filter((v): v is string => typeof v === 'string') : [];

export function checkApiKeyName(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = nameProblem(value, NAME_LIMITS.apiKeyName);
  return problem === undefined ? undefined : `name ${said(problem)}`;
}

export function checkPermissions(value: Value): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = strings(value);
  if (list.length === 0 && value.length === 0)
    return 'permissions must list at least one permission, such as "instances:read"';
  const unknown = list.filter((p) => canonicalPermission(p) === undefined);
  if (unknown.length === 0) return undefined;
  return `permissions has ${unknown.map((p) => JSON.stringify(p)).join(', ')}, which ${unknown.length === 1 ? 'is not a permission' : 'are not permissions'}; the permissions are ${API_KEY_PERMISSIONS.join(', ')} (write implies read)`;
}

export function checkExpiresAt(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => canonicalTimestamp(value));
  return verdict.ok ? undefined : `expires_at ${said(verdict.problem)}`;
}

export function checkAllowedIps(value: Value): string | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0)
    return 'allowed_ips must list at least one range; leave it out to allow every address';
  for (const entry of strings(value)) {
    const verdict = judge(() => canonicalAllowedIps([entry]));
    if (!verdict.ok) return `allowed_ips ${said(verdict.problem)}`;
  }
  return undefined;
}

/** `Instances:Read` is `instances:read`. */
export function samePermissionSpelling(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && samePermission(a, b);
}

/** `2027-01-31T13:00:00+01:00` is `2027-01-31T12:00:00Z`. */
export function sameExpiry(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameTimestamp(a, b);
}

/** `::0/0` is `::/0`, `10.0.0.5/8` is `10.0.0.0/8`, `203.0.113.7` is `203.0.113.7/32`. */
export function sameRange(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameAllowedIps([a], [b]);
}
