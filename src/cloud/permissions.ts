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
