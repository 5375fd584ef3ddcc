/**
 * Whether `pathname` matches a pattern of the control endpoints: the exact path, or any path that starts
 * with the pattern's text when the pattern ends in `*` (`/v1/ssh-keys/*`).
 */
export function matchesPathPattern(pattern: string, pathname: string): boolean {
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
}
