import type { RequestContext } from '../http/context';
import type { Stage } from '../http/pipeline';

/** Where the control endpoints live: outside the API, under `/_local/`. */
export const CONTROL_PREFIX = '/_local/';

export function isControlPath(pathname: string): boolean {
  return pathname.startsWith(CONTROL_PREFIX);
}

/**
 * Control requests authenticate exactly like API requests (bearer key, expiry, allowed IPs): `apiAuth` is
 * the API's authenticate stage, which guards only `/v1` paths, so it is run here against the API root on
 * the control request's behalf. Each control route then asks for the `*` permission.
 */
export function authenticateControl(apiAuth: Stage): Stage {
  return async (ctx, next) => {
    if (isControlPath(ctx.url.pathname)) {
      const asApiRequest: RequestContext = { ...ctx, url: new URL('/v1', ctx.url) };
      await apiAuth(asApiRequest, () => Promise.resolve());
      ctx.principal = asApiRequest.principal;
    }
    await next();
  };
}
