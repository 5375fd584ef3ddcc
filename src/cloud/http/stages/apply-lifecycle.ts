import type { LifecycleEngine } from '../../lifecycle';
import type { Stage } from '../pipeline';

/**
 * Applies every due lifecycle transition before the request runs, so what it reads is what the clock
 * says (an instance due to be active at 12:00:03 is active for a GET at 12:00:03, timer or not).
 */
export function applyLifecycle(lifecycle: LifecycleEngine): Stage {
  return async (_ctx, next) => {
    lifecycle.tick();
    await next();
  };
}
