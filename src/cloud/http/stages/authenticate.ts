import { isAddressAllowed } from '../../../spelling/allowed-ips';
import { hashApiKeySecret } from '../../api-key-secret';
import type { CloudClock } from '../../clock';
import { AuthenticationFailedError, ForbiddenError } from '../../errors';
import type { ApiKeyRecord, ApiKeyStore } from '../../store/api-keys';
import { isApiPath, isControlPath } from '../paths';
import type { Stage } from '../pipeline';

/**
 * `last_used_at` is written at most this often per key: a write (an fsync) per request would cost more
 * than the request, and "used in the last minute" is as precise as anyone reads it.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Bearer authentication on every /v1 and /_local/ request, before routing, so an unauthenticated caller learns
 * nothing, not even which paths exist. Then the key's own limits: an expired key is 401 like an unknown
 * one (it no longer authenticates anyone), a request from outside the key's `allowed_ips` is 403 (the key
 * is valid, it is the place that is not allowed). Messages never repeat the presented key.
 */
export function authenticate(apiKeys: ApiKeyStore, clock: CloudClock): Stage {
  return async (ctx, next) => {
    if (isApiPath(ctx.url.pathname) || isControlPath(ctx.url.pathname)) {
      const header = ctx.req.headers.authorization;
      if (header === undefined || header.trim() === '') {
        throw new AuthenticationFailedError(
          'No API key was sent; send it as "Authorization: Bearer <api key>".',
        );
      }
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
      if (match === null) {
        throw new AuthenticationFailedError(
          'The Authorization header must have the form "Bearer <api key>".',
        );
      }
      const secret = match[1] as string;
      const key = apiKeys.findBySecretHash(hashApiKeySecret(secret));
      if (key === undefined) throw new AuthenticationFailedError('The API key is not valid.');
      const nowMs = clock.nowMs();
      if (key.expiresAt !== undefined && Date.parse(key.expiresAt) <= nowMs) {
        throw new AuthenticationFailedError(`The API key ${key.id} expired at ${key.expiresAt}.`);
      }
      const remoteAddress = ctx.req.socket.remoteAddress;
      if (key.allowedIps !== undefined && !isAddressAllowed(key.allowedIps, remoteAddress)) {
        throw new ForbiddenError(
          `The API key ${key.id} may not be used from ${remoteAddress ?? 'an unknown address'}.`,
          { remote_address: remoteAddress ?? null, allowed_ips: key.allowedIps },
        );
      }
      if (isUseWorthRecording(key, nowMs)) apiKeys.recordUse(key.id, new Date(nowMs).toISOString());
      ctx.principal = { apiKeyId: key.id, permissions: key.permissions, bearerSecret: secret };
    }
    await next();
  };
}

function isUseWorthRecording(key: ApiKeyRecord, nowMs: number): boolean {
  return key.lastUsedAt === undefined || nowMs - Date.parse(key.lastUsedAt) >= LAST_USED_RESOLUTION_MS;
}
