import { LightyearArgumentError } from './errors';

/**
 * An id or name as one encoded path segment. An empty id would silently address the list instead of one
 * resource (`DELETE /ssh-keys/`), so it is refused before anything is sent.
 */
export function pathSegment(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LightyearArgumentError(`${what} must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return encodeURIComponent(value);
}
