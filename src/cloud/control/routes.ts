import {
  advanceClockRequestSchema,
  clockResponseSchema,
  createFaultRequestSchema,
  eventResponseSchema,
  faultListSchema,
  faultResponseSchema,
  injectEventRequestSchema,
  listRequestsQuerySchema,
  requestLogSchema,
  seedResponseSchema,
  type ClockResponse,
  type WebhookPayload,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import type { Reply } from '../http/context';
import type { Route, Router } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import type { FaultInjector } from './fault-injector';
import type { RequestLog } from './request-log';
import { resetResources } from './reset';
import { seedDemoData } from './seed';

export interface ControlDependencies {
  readonly cloud: CloudContext;
  /** The API's router: the seed creates its objects through the API's own handlers. */
  readonly apiRouter: Router;
  readonly faults: FaultInjector;
  readonly requestLog: RequestLog;
  /** Delivers new events and due retries now rather than at the next poll. */
  readonly deliverWebhooksNow: () => void;
}

/** Every control route needs a key with `*`: they can erase everything and bend time. */
const PERMISSION = '*';

/**
 * `/_local/...`: the local cloud's control endpoints for tests and demos. Not part of the LightYear API
 * (they are absent from the OpenAPI document); docs/local-cloud.md describes them.
 */
export function controlRoutes(deps: ControlDependencies): Route[] {
  const { cloud, faults, requestLog } = deps;
  const { store, clock, lifecycle } = cloud;
  const clockReply = (): Reply => {
    const body: ClockResponse = { clock: { now: clock.nowIso() } };
    return { status: 200, body };
  };

  return [
    {
      method: 'POST',
      path: '/_local/reset',
      describe: {
        summary: 'Delete every resource, event, webhook, fault and logged request; API keys stay',
        status: 204,
      },
      permission: PERMISSION,
      handler: () => {
        resetResources(store.db);
        faults.clear();
        requestLog.clear();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/_local/seed',
      describe: {
        summary: 'Create the demo data set (SSH keys, a firewall, an instance, a DNS zone)',
        status: 201,
        response: seedResponseSchema,
        errors: ['conflict'],
      },
      permission: PERMISSION,
      handler: ({ principal, requestId }) => {
        if (principal === undefined) throw new Error('control routes run authenticated');
        const result = seedDemoData(deps.apiRouter, principal, requestId, (work) => store.transaction(work));
        return { status: 201, body: { seeded: result.created, skipped: result.skipped } };
      },
    },
    {
      method: 'GET',
      path: '/_local/clock',
      describe: { summary: "The cloud's current time", status: 200, response: clockResponseSchema },
      permission: PERMISSION,
      handler: clockReply,
    },
    {
      method: 'POST',
      path: '/_local/clock/advance',
      describe: {
        summary: 'Move the clock forward, then apply due transitions and deliveries',
        body: advanceClockRequestSchema,
        status: 200,
        response: clockResponseSchema,
      },
      permission: PERMISSION,
      handler: ({ body }) => {
        const { ms } = parseBody(advanceClockRequestSchema, body);
        clock.advance(ms);
        lifecycle.tick();
        deps.deliverWebhooksNow();
        return clockReply();
      },
    },
    {
      method: 'POST',
      path: '/_local/lifecycle/tick',
      describe: {
        summary: 'Apply every due lifecycle transition and start due webhook deliveries now',
        status: 200,
        response: clockResponseSchema,
      },
      permission: PERMISSION,
      handler: () => {
        lifecycle.tick();
        deps.deliverWebhooksNow();
        return clockReply();
      },
    },
    {
      method: 'POST',
      path: '/_local/faults',
      describe: {
        summary: 'Arm a fault for the next matching /v1 requests',
        body: createFaultRequestSchema,
        status: 201,
        response: faultResponseSchema,
      },
      permission: PERMISSION,
      handler: ({ body }) => {
        const fault = faults.arm(parseBody(createFaultRequestSchema, body), clock.nowIso());
        return { status: 201, body: { fault } };
      },
    },
    {
      method: 'GET',
      path: '/_local/faults',
      describe: { summary: 'List armed faults', status: 200, response: faultListSchema },
      permission: PERMISSION,
      handler: () => ({ status: 200, body: { faults: faults.list() } }),
    },
    {
      method: 'DELETE',
      path: '/_local/faults',
      describe: { summary: 'Disarm every fault', status: 204 },
      permission: PERMISSION,
      handler: () => {
        faults.clear();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/_local/requests',
      describe: {
        summary: 'The latest /v1 requests, oldest first',
        query: listRequestsQuerySchema,
        status: 200,
        response: requestLogSchema,
      },
      permission: PERMISSION,
      handler: ({ query }) => {
        const filter = parseQuery(listRequestsQuerySchema, query);
        const requests = requestLog.list({
          method: filter.method,
          path: filter.path,
          status: filter.status,
          apiKeyId: filter.api_key_id,
        });
        return { status: 200, body: { requests } };
      },
    },
    {
      method: 'DELETE',
      path: '/_local/requests',
      describe: { summary: 'Empty the request log', status: 204 },
      permission: PERMISSION,
      handler: () => {
        requestLog.clear();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/_local/events',
      describe: {
        summary: 'Emit a billing event, as the billing system would, for webhook tests',
        body: injectEventRequestSchema,
        status: 201,
        response: eventResponseSchema,
      },
      permission: PERMISSION,
      handler: ({ body }) => {
        const { type, data } = parseBody(injectEventRequestSchema, body);
        const event = store.transaction(() => store.events.emit(type, data, clock.nowIso()));
        deps.deliverWebhooksNow();
        const payload: WebhookPayload = {
          id: event.id,
          type: event.type,
          created_at: event.created_at,
          data: event.data,
        };
        return { status: 201, body: { event: payload } };
      },
    },
  ];
}
