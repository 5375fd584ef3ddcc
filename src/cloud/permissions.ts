/**
 * Whether a key's permissions cover `needed` (`<resource>:read` or `<resource>:write`): `*` grants
 * everything, and `write` implies `read` on the same resource.
 */
export function grants(permissions: readonly string[], needed: string): boolean {
  if (permissions.includes('*') || permissions.includes(needed)) return true;
  const [resource, access] = needed.split(':');
  return access === 'read' && permissions.includes(`${resource}:write`);
}
