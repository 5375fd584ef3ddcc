/**
 * API key permissions (scopes): `<resource>:read` and `<resource>:write` for each resource, and `*`. `write`
 * implies `read`. Shared by the cloud (what it grants), the API schema (what it accepts) and the provider
 * (validation and the plan-time check against its own key).
 */

/** The resources a key's permissions are about; each has a `:read` and a `:write` permission. */
export const PERMISSION_RESOURCES = [
  'instances',
  'ssh_keys',
  'firewalls',
  'blocks',
  'dns',
  'snapshots',
  'webhooks',
  'account',
] as const;
export type PermissionResource = (typeof PERMISSION_RESOURCES)[number];

/** Every permission a key may carry: `*` (everything) and `<resource>:read|write`. */
export const API_KEY_PERMISSIONS: readonly string[] = [
  '*',
  ...PERMISSION_RESOURCES.flatMap((resource) => [`${resource}:read`, `${resource}:write`]),
];

/**
 * The API's spelling of a permission: surrounding blanks and letter case are not part of it
 * (`Instances:Read` is `instances:read`). Undefined when it is no permission at all.
 */
export function canonicalPermission(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  return API_KEY_PERMISSIONS.includes(lower) ? lower : undefined;
}

/** Whether two spellings name the same permission; an unknown one is the same only as the identical text. */
export function samePermission(a: string, b: string): boolean {
  if (a === b) return true;
  const ca = canonicalPermission(a);
  return ca !== undefined && ca === canonicalPermission(b);
}

/**
 * Whether a key's permissions cover `needed` (`<resource>:read`, `<resource>:write` or `*`): `*` grants
 * everything, and `write` implies `read` on the same resource. Only `*` covers `*`.
 */
export function grants(permissions: readonly string[], needed: string): boolean {
  if (permissions.includes('*') || permissions.includes(needed)) return true;
  const [resource, access] = needed.split(':');
  return access === 'read' && permissions.includes(`${resource}:write`);
}

/**
 * The permissions of `requested` that `holder` does not cover. A key may only hand out what it has:
 * otherwise any key with `account:write` could mint itself a `*` key.
 */
export function permissionsNotCovered(holder: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((permission) => !grants(holder, permission));
}
