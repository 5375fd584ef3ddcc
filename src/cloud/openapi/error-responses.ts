import { ERROR_CODES, type ErrorCode } from '../../api';
import { isApiPath } from '../http/paths';
import type { Route } from '../http/router';

/** Paths under /v1 go through bearer authentication, the per-key rate limit and the key's restrictions. */
export function isApiRoute(route: Route): boolean {
  return isApiPath(route.path);
}

/**
 * The error codes a route can answer with: those every stage of the pipeline may raise for a route of its
 * shape (authenticated, with a body, a query or an id), plus the ones its handler declares
 * (`describe.errors`, e.g. `conflict` for a duplicate).
 */
export function errorCodesFor(route: Route): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (isApiRoute(route)) {
    codes.add('authentication_failed');
    // A key may lack the permission, be limited to some source addresses, or exceed its request rate.
    codes.add('forbidden');
    codes.add('rate_limit_exceeded');
  }
  if (route.describe.body !== undefined) {
    codes.add('invalid_request');
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  if (route.describe.query !== undefined) codes.add('invalid_request');
  if (route.path.split('/').some((segment) => segment.startsWith(':'))) codes.add('not_found');
  if (route.method === 'POST' && isApiRoute(route)) {
    // Idempotency-Key: the same key with another body, or while the first request is still running.
    codes.add('idempotency_key_reused');
    codes.add('conflict');
  }
  for (const code of route.describe.errors ?? []) codes.add(code);
  codes.add('server_error');
  return [...codes];
}

/** The codes grouped by HTTP status, statuses ascending: one documented response per status. */
export function byStatus(codes: readonly ErrorCode[]): Array<[status: number, codes: ErrorCode[]]> {
  const groups = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CODES[code];
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b);
}
