import type { RequestContext } from './context';

/**
 * One step of request handling. A stage may act before calling `next` (refuse early, annotate the
 * context), after it (write the reply, log), or around it (catch errors). Cross-cutting features such as
 * rate limiting or idempotency are added as new stages, not woven into handlers.
 */
export type Stage = (ctx: RequestContext, next: () => Promise<void>) => Promise<void>;

/** Runs the stages in order, each wrapping the ones after it. */
export function composeStages(stages: readonly Stage[]): (ctx: RequestContext) => Promise<void> {
  return (ctx) => {
    const run = (index: number): Promise<void> => {
      const stage = stages[index];
      return stage === undefined ? Promise.resolve() : stage(ctx, () => run(index + 1));
    };
    return run(0);
  };
}
