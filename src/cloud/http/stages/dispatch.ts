import { ForbiddenError, NotFoundError } from '../../errors';
import { grants } from '../../permissions';
import { METHODS_WITH_BODY, parseJsonBody, readRawBody } from '../body';
import type { Stage } from '../pipeline';
import type { Router } from '../router';

/**
 * Finds the route, checks the key's permission for it, reads the body and runs the handler. A path
 * that exists for other methods answers 404 as well (the contract has no 405), with an `Allow` header.
 */
export function dispatch(router: Router): Stage {
  return async (ctx) => {
    const method = ctx.req.method ?? '';
    const match = router.match(method, ctx.url.pathname);
    if (match.kind === 'none') {
      throw new NotFoundError(`There is no ${method} ${ctx.url.pathname} in this API.`);
    }
    if (match.kind === 'method_not_served') {
      const allowed = match.allowedMethods.join(', ');
      throw new NotFoundError(
        `${ctx.url.pathname} does not serve ${method}; it serves ${allowed}.`,
        { allowed_methods: match.allowedMethods },
        { Allow: allowed },
      );
    }
    const { route, params } = match;
    if (route.permission !== undefined && !grants(ctx.principal?.permissions ?? [], route.permission)) {
      throw new ForbiddenError(`This API key lacks the ${route.permission} permission.`, {
        required_permission: route.permission,
      });
    }
    const raw = METHODS_WITH_BODY.has(method) ? (ctx.rawBody ?? (await readRawBody(ctx.req))) : undefined;
    const body = raw === undefined ? undefined : parseJsonBody(raw);
    ctx.reply = await route.handler({
      params,
      query: ctx.url.searchParams,
      body,
      principal: ctx.principal,
      requestId: ctx.requestId,
    });
  };
}
