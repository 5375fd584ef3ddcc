import { clientModule } from '../client-module';
import { ResourceError } from '../framework/errors';
import { timeoutMs } from '../framework/timeouts';
import type { ObjectValue } from '../protocol/values';

export interface DeleteWhileHeldOptions {
  /** `Firewall`, `Block storage volume`: starts the messages. */
  readonly noun: string;
  readonly id: string;
  /** One DELETE of the object. */
  readonly send: (signal: AbortSignal | undefined) => Promise<unknown>;
  /** `used by` (a firewall's instances), `attached to` (a volume's instance). */
  readonly heldAs: string;
  /** Also send it again while the object itself is busy (an instance mid-transition). */
  readonly retryWhileBusy?: boolean;
  /** How the user frees it, said when the wait gives up: `Detach it, or ...`. */
  readonly remedy: string;
  /** The object's state, whose `timeouts.delete` bounds the wait. */
  readonly state: ObjectValue;
  /** The wait when the configuration sets no `timeouts.delete`, as a duration (`5m`). */
  readonly defaultTimeout: string;
  readonly signal: AbortSignal;
  /** Any other failure of the delete, as the resource reports it. */
  readonly failed: (err: unknown) => unknown;
}

type Attempt =
  | { readonly deleted: true }
  | { readonly deleted: false; readonly heldBy: readonly string[]; readonly reason: string };

/**
 * Deletes an object the API will not delete while something holds it (409 `resource_in_use`: instances
 * using a firewall, the instance a volume is attached to). In one `terraform destroy` the holders are
 * usually being deleted or changed at the same moment and let go a moment later, so the delete is sent again,
 * backing off, until `timeouts.delete`; then the error names what still holds the object and how to free it.
 * An object already gone is a successful delete.
 */
export async function deleteWhileHeld(options: DeleteWhileHeldOptions): Promise<void> {
  const client = clientModule();
  const limit = timeoutMs(options.state, 'delete', options.defaultTimeout);
  const attempt = async (signal: AbortSignal | undefined): Promise<Attempt> => {
    try {
      await options.send(signal);
      return { deleted: true };
    } catch (err) {
      if (client.isNotFoundError(err)) return { deleted: true };
      if (client.isResourceInUseError(err)) {
        return { deleted: false, heldBy: err.heldBy ?? [], reason: err.apiMessage };
      }
      if (options.retryWhileBusy === true && client.isBusyError(err)) {
        return { deleted: false, heldBy: [], reason: err.apiMessage };
      }
      throw err;
    }
  };
  let last: Attempt | undefined;
  try {
    await client.waitFor<Attempt>({
      description: `${options.noun.toLowerCase()} ${options.id} to be deleted`,
      poll: async (signal) => (last = await attempt(signal)),
      until: (a) => a.deleted,
      describeLast: (a) => (a.deleted ? 'deleted' : stillHeld(options, a)),
      intervalMs: 1000,
      maxIntervalMs: 5000,
      timeoutMs: limit,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof client.LightyearWaitTimeoutError) {
      const why = last !== undefined && !last.deleted ? stillHeld(options, last) : 'not deleted yet';
      throw new ResourceError(
        `${options.noun} still in use`,
        `${options.noun} ${options.id} is ${why} after ${Math.round(limit / 1000)} s of retrying. ${options.remedy} Then run this again; timeouts.delete sets how long to wait.`,
        undefined,
        'resource_in_use',
      );
    }
    throw options.failed(err);
  }
}

/**
 * `still used by instances inst_1, inst_2`, or the API's own words when it named no holder. Every
 * `resource_in_use` the API gives today is held by instances.
 */
function stillHeld(options: DeleteWhileHeldOptions, attempt: Extract<Attempt, { deleted: false }>): string {
  const count = attempt.heldBy.length;
  if (count === 0) return `still refused by the API: ${attempt.reason}`;
  return `still ${options.heldAs} ${count === 1 ? 'instance' : 'instances'} ${attempt.heldBy.join(', ')}`;
}
