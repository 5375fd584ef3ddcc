import type { CloudClock } from './clock';
import type { LifecycleEngine } from './lifecycle';
import type { Store } from './store';
import type { WebhookTargetPolicy } from './webhooks/target-policy';

/**
 * What every route file gets: the state, the cloud's clock, and the lifecycle engine to register its
 * kind's due transitions with. Route files read the time only from `clock` (tests move it forward).
 */
export interface CloudContext {
  readonly store: Store;
  readonly clock: CloudClock;
  readonly lifecycle: LifecycleEngine;
  /** Where webhooks may deliver; the webhook routes check URLs against it at create and update. */
  readonly webhookTargets: WebhookTargetPolicy;
}
