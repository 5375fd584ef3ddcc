import { hashApiKeySecret } from '../../api-key-secret';
import { AuthenticationFailedError } from '../../errors';
import type { ApiKeyStore } from '../../store/api-keys';
import type { Stage } from '../pipeline';

/** The API lives under /v1; other paths (future control endpoints) authenticate their own way. */
function isApiPath(pathname: string): boolean {
  return pathname === '/v1' || pathname.startsWith('/v1/');
}

/**
 * Bearer authentication on every /v1 request, before routing, so an unauthenticated caller learns
 * nothing, not even which paths exist. Messages never repeat the presented key.
 */
export function authenticate(apiKeys: ApiKeyStore): Stage {
  return async (ctx, next) => {
    if (isApiPath(ctx.url.pathname)) {
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
      const key = apiKeys.findBySecretHash(hashApiKeySecret(match[1] as string));
      if (key === undefined) throw new AuthenticationFailedError('The API key is not valid.');
      ctx.principal = { apiKeyId: key.id, permissions: key.permissions };
    }
    await next();
  };
}
