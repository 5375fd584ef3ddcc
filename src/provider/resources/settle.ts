import { clientModule } from '../client-module';
import { ResourceError } from '../framework/errors';
import type { ResourceSchema } from '../framework/schema';
import { timeoutMs, type TimeoutOperation } from '../framework/timeouts';
import type { ObjectValue } from '../protocol/values';
import { toResourceError } from './api-errors';

export interface SettleOptions<T> {
  /** `instance inst_2bX9 to become active`, for the timeout message. */
  readonly description: string;
  readonly poll: (signal: AbortSignal) => Promise<T>;
  readonly until: (value: T) => boolean;
  /** `status pending`: what the last poll saw, for the timeout message. */
  readonly describe: (value: T) => string;
  /** The planned object, whose `timeouts` block bounds the wait. */
  readonly planned: ObjectValue;
  readonly operation: TimeoutOperation;
  /** The wait when the configuration sets no timeout for the operation, as a duration (`20m`). */
  readonly defaultTimeout: string;
  readonly signal: AbortSignal;
  /** @default 1000; the client backs off from here. */
  readonly intervalMs?: number;
}

/**
 * Waits for an object to reach a status within the `timeouts` block's bound, cancellable by Ctrl-C. On time-out
 * the error names the status last seen and the setting that bounds the wait, so the user knows what to raise.
 */
export async function settle<T>(schema: ResourceSchema, options: SettleOptions<T>): Promise<T> {
  const limit = timeoutMs(options.planned, options.operation, options.defaultTimeout);
  try {
    return await clientModule().waitFor({
      poll: () => options.poll(options.signal),
      until: options.until,
      description: options.description,
      describeLast: options.describe,
      timeoutMs: limit,
      intervalMs: options.intervalMs ?? 1000,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof clientModule().LightyearWaitTimeoutError) {
      throw new ResourceError(
        `Timed out waiting for ${options.description}`,
        `${err.message}. The object exists; raise timeouts.${options.operation} if it needs longer.`,
        undefined,
        'wait_timeout',
      );
    }
    throw toResourceError(err, `Waiting for ${options.description}`, schema);
  }
}
