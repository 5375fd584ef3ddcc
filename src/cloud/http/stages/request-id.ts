import type { Stage } from '../pipeline';

/** Every response, errors included, names its request so a user's report can be found in the log. */
export const requestIdHeader: Stage = async (ctx, next) => {
  ctx.res.setHeader('X-Request-Id', ctx.requestId);
  await next();
};
