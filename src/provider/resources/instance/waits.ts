import type { Instance } from '../../../api';
import type { LightyearClient } from '../../../client';
import { clientModule } from '../../client-module';
import { ResourceError } from '../../framework/errors';
import type { OperationContext } from '../../framework/resource';
import { timeoutMs, type TimeoutOperation } from '../../framework/timeouts';
import type { ObjectValue } from '../../protocol/values';
import { toResourceError } from '../api-errors';
import { settle } from '../settle';
import { INSTANCE_TIMEOUTS, instanceSchema } from './schema';

/**
 * The instance's slow parts: waiting for a status, and calls the API refuses while the instance is busy with
 * something else (provisioning, a resize, a power action), retried until it is not. Both are bounded by the
 * planned `timeouts` block and cancelled by Ctrl-C.
 */

type Ctx = OperationContext<LightyearClient>;

export interface WaitScope {
  readonly ctx: Ctx;
  /** The planned object (or the state, for a delete), whose `timeouts` bound the waits. */
  readonly planned: ObjectValue;
  readonly operation: Exclude<TimeoutOperation, 'read'>;
}

export function waitForInstance(
  scope: WaitScope,
  id: string,
  goal: string,
  until: (instance: Instance) => boolean,
): Promise<Instance> {
  return settle(instanceSchema, {
    description: `instance ${id} ${goal}`,
    poll: (signal) => scope.ctx.client.instances.get(id, { signal }),
    until,
    describe: (i) => `status ${i.status}, power ${i.power_status}`,
    planned: scope.planned,
    operation: scope.operation,
    defaultTimeout: INSTANCE_TIMEOUTS[scope.operation],
    signal: scope.ctx.signal,
  });
}

/** One call, sent again while the instance is busy; other failures become diagnostics at once. */
export async function whenNotBusy<T>(
  scope: WaitScope,
  what: string,
  call: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const limit = timeoutMs(scope.planned, scope.operation, INSTANCE_TIMEOUTS[scope.operation]);
  try {
    return await scope.ctx.client.retryWhileBusy(call, {
      description: what,
      timeoutMs: limit,
      signal: scope.ctx.signal,
    });
  } catch (err) {
    if (err instanceof clientModule().LightyearWaitTimeoutError) {
      throw new ResourceError(
        `Timed out: ${what}`,
        `${err.message}. The instance stayed busy; raise timeouts.${scope.operation} if it needs longer.`,
        undefined,
        'wait_timeout',
      );
    }
    throw toResourceError(err, what[0]!.toUpperCase() + what.slice(1), instanceSchema);
  }
}

/** Starts or stops the instance and waits until its power status says so. */
export async function powerTo(
  scope: WaitScope,
  id: string,
  wanted: 'running' | 'stopped',
): Promise<Instance> {
  const action = wanted === 'stopped' ? 'stop' : 'start';
  const { client } = scope.ctx;
  await whenNotBusy(scope, `${action === 'stop' ? 'stopping' : 'starting'} instance ${id}`, (signal) =>
    action === 'stop'
      ? client.instances.stop(id, signal === undefined ? {} : { signal })
      : client.instances.start(id, signal === undefined ? {} : { signal }),
  );
  return waitForInstance(
    scope,
    id,
    `to be ${wanted}`,
    (i) => i.power_status === wanted && i.status === 'active',
  );
}

type DeleteOutcome = { done: true } | { done: false; reason: string; heldBy: readonly string[] };

/**
 * Deletes the instance. The API detaches block volumes itself; while the instance is busy or something still
 * holds it (`resource_in_use`), the delete is sent again until the delete timeout, and the error then names
 * what was still attached. An instance already gone is a successful delete.
 */
export async function deleteInstance(scope: WaitScope, id: string): Promise<void> {
  const client = clientModule();
  const limit = timeoutMs(scope.planned, 'delete', INSTANCE_TIMEOUTS.delete);
  try {
    await client.waitFor<DeleteOutcome>({
      description: `instance ${id} to be deleted`,
      poll: async (signal) => {
        try {
          await scope.ctx.client.instances.delete(id, signal === undefined ? {} : { signal });
          return { done: true };
        } catch (err) {
          if (client.isNotFoundError(err)) return { done: true };
          if (client.isBusyError(err) || client.isResourceInUseError(err))
            return { done: false, reason: err.apiMessage, heldBy: err.heldBy ?? [] };
          throw err;
        }
      },
      until: (outcome) => outcome.done,
      describeLast: (outcome) => (outcome.done ? 'deleted' : outcome.reason),
      timeoutMs: limit,
      intervalMs: 1000,
      signal: scope.ctx.signal,
    });
  } catch (err) {
    if (err instanceof client.LightyearWaitTimeoutError) {
      const last = err.lastSeen as DeleteOutcome | undefined;
      const held = last !== undefined && !last.done && last.heldBy.length > 0;
      throw new ResourceError(
        `Instance ${id} could not be deleted`,
        `${err.message}.${held ? ` Still attached: ${(last as { heldBy: readonly string[] }).heldBy.join(', ')}.` : ''} Detach what holds it, or raise timeouts.delete.`,
        undefined,
        'delete_timeout',
      );
    }
    throw toResourceError(err, 'Deleting the instance', instanceSchema);
  }
}
