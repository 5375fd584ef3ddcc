import type { LightyearClient } from '../../client';
import { clientModule } from '../client-module';
import { ResourceError } from '../framework/errors';
import type { Path } from '../framework/diagnostics';
import type { ResourceSchema } from '../framework/schema';
import { timeoutMs, type TimeoutOperation } from '../framework/timeouts';
import type { ObjectValue } from '../protocol/values';
import { toResourceError } from './api-errors';

export interface RetryBusyOptions {
  /** `Attaching the block storage volume`: titles a failure. */
  readonly what: string;
  /** `volume blk_1 to attach to instance inst_1`, for the timeout message. */
  readonly description: string;
  /** The planned object, whose `timeouts` block bounds the retries. */
  readonly planned: ObjectValue;
  readonly operation: TimeoutOperation;
  readonly defaultTimeout: string;
  readonly signal: AbortSignal;
  /** API request fields → attribute paths, where the names differ (see `toResourceError`). */
  readonly fields?: Readonly<Record<string, Path>>;
}

/**
 * Sends a call again while the API answers that what it needs is busy (an instance still provisioning or
 * resizing, a volume not yet active: `isBusyError`), within the `timeouts` block's bound, cancellable by
 * Ctrl-C. Any other failure becomes diagnostics at once; a time-out names what was still busy and the
 * setting that bounds the wait.
 */
export async function retryWhileBusy<T>(
  client: LightyearClient,
  schema: ResourceSchema,
  call: (signal: AbortSignal | undefined) => Promise<T>,
  options: RetryBusyOptions,
): Promise<T> {
  try {
    return await client.retryWhileBusy(call, {
      description: options.description,
      timeoutMs: timeoutMs(options.planned, options.operation, options.defaultTimeout),
      intervalMs: 1000,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof clientModule().LightyearWaitTimeoutError) {
      throw new ResourceError(
        `Timed out waiting for ${options.description}`,
        `${err.message}. Raise timeouts.${options.operation} if it needs longer.`,
        undefined,
        'wait_timeout',
      );
    }
    throw toResourceError(err, options.what, schema, options.fields);
  }
}
