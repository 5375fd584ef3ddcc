import type { Instance } from '../../../api';
import type { LightyearClient } from '../../../client';
import { clientModule } from '../../client-module';
import { ResourceError } from '../../framework/errors';
import type { OperationContext } from '../../framework/resource';
import { timeoutMs, type TimeoutOperation } from '../../framework/timeouts';
import type { ObjectValue } from '../../protocol/values';
import { toResourceError } from '../api-errors';
import { deleteWhileHeld } from '../delete-while-held';
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
    action === 'stop' ? client.instances.stop(id, { signal }) : client.instances.start(id, { signal }),
  );
  return waitForInstance(
    scope,
    id,
    `to be ${wanted}`,
    (i) => i.power_status === wanted && i.status === 'active',
  );
}

/**
 * Deletes the instance. The API detaches block volumes itself; while the instance is busy (mid-transition) or
 * something still holds it, the delete is sent again until the delete timeout. An instance already gone is a
 * successful delete.
 */
export async function deleteInstance(scope: WaitScope, id: string): Promise<void> {
  await deleteWhileHeld({
    noun: 'Instance',
    id,
    send: (signal) => scope.ctx.client.instances.delete(id, { signal }),
    heldAs: 'held by',
    retryWhileBusy: true,
    remedy: 'Detach what holds it, or wait for what it is doing to finish.',
    state: scope.planned,
    defaultTimeout: INSTANCE_TIMEOUTS.delete,
    signal: scope.ctx.signal,
    failed: (err) => toResourceError(err, 'Deleting the instance', instanceSchema),
  });
}
