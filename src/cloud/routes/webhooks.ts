import { listReply } from '../http/list-reply';
import {
  createWebhookRequestSchema,
  createWebhookResponseSchema,
  listWebhookDeliveriesQuerySchema,
  listWebhooksQuerySchema,
  updateWebhookRequestSchema,
  webhookDeliveryListSchema,
  webhookListSchema,
  webhookResponseSchema,
  type Webhook,
  type WebhookEventType,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors';
import type { Principal } from '../http/context';
import { permissionsNotCovered } from '../permissions';
import { EVENT_READ_PERMISSION } from '../webhooks/event-permissions';
import { webhookUrlProblem, type WebhookTargetPolicy } from '../webhooks/target-policy';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import { generateWebhookSecret } from '../webhooks/signing';

const COLLECTION = '/v1/webhooks';
const ITEM = '/v1/webhooks/:id';
const DELIVERIES = '/v1/webhooks/:id/deliveries';

/** Webhooks per account: each costs a delivery per event, so an unbounded number is unbounded work. */
export const MAX_WEBHOOKS = 100;

/** 400 on `url` when it targets an address webhooks may not reach (literal addresses; names at delivery). */
function refuseForbiddenTarget(url: string, policy: WebhookTargetPolicy): void {
  const problem = webhookUrlProblem(url, policy);
  if (problem !== undefined) throw InvalidRequestError.forField('url', problem);
}

/** 403 unless the key may read what each subscribed event carries. */
function refuseUnreadableEvents(principal: Principal | undefined, events: readonly WebhookEventType[]): void {
  const needed = [...new Set(events.map((type) => EVENT_READ_PERMISSION[type]))];
  const missing = permissionsNotCovered(principal?.permissions ?? [], needed);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `A webhook delivers the objects its events are about; this key lacks ${missing.join(', ')} to read them.`,
      { field: 'events', missing_permissions: missing },
    );
  }
}

/** `/v1/webhooks`: subscribe URLs to events, and read back every delivery attempt. */
export function webhookRoutes({ store, clock, webhookTargets }: CloudContext): Route[] {
  const { webhooks, webhookDeliveries } = store;
  const found = (id: string, webhook: Webhook | undefined): Webhook => {
    if (webhook === undefined)
      throw new NotFoundError(`There is no webhook with id ${id}.`, { resource: 'webhook', id });
    return webhook;
  };
  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Create a webhook; the answer carries its signing secret, shown only this once',
        body: createWebhookRequestSchema,
        status: 201,
        response: createWebhookResponseSchema,
        errors: ['conflict'],
      },
      permission: 'webhooks:write',
      handler: ({ body, principal }) => {
        const request = parseBody(createWebhookRequestSchema, body);
        refuseForbiddenTarget(request.url, webhookTargets);
        refuseUnreadableEvents(principal, request.events);
        const secret = generateWebhookSecret();
        const webhook = store.transaction(() => {
          if (webhooks.count() >= MAX_WEBHOOKS) {
            throw new ConflictError(
              `This account already has ${MAX_WEBHOOKS} webhooks, the most it may have; delete one first.`,
              { reason: 'limit_reached', limit: MAX_WEBHOOKS },
            );
          }
          return webhooks.insert({
            id: newId('webhook'),
            url: request.url,
            events: request.events,
            description: request.description ?? null,
            secret,
            createdAt: clock.nowIso(),
          });
        });
        return {
          status: 201,
          body: { webhook, secret },
          headers: { Location: `${COLLECTION}/${webhook.id}` },
        };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List webhooks',
        query: listWebhooksQuerySchema,
        status: 200,
        response: webhookListSchema,
      },
      permission: 'webhooks:read',
      handler: ({ query }) => {
        const { per_page, cursor, order } = parseQuery(listWebhooksQuerySchema, query);
        return listReply('webhooks', () => webhooks.list({ order, perPage: per_page, cursor }));
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get a webhook', status: 200, response: webhookResponseSchema },
      permission: 'webhooks:read',
      handler: ({ params }) => {
        const id = params.id as string;
        return { status: 200, body: { webhook: found(id, webhooks.get(id)) } };
      },
    },
    {
      method: 'PATCH',
      path: ITEM,
      describe: {
        summary: 'Change a webhook: URL, events, description, or pause it with active: false',
        body: updateWebhookRequestSchema,
        status: 200,
        response: webhookResponseSchema,
      },
      permission: 'webhooks:write',
      handler: ({ params, body, principal }) => {
        const id = params.id as string;
        const changes = parseBody(updateWebhookRequestSchema, body);
        if (changes.url !== undefined) refuseForbiddenTarget(changes.url, webhookTargets);
        if (changes.events !== undefined) refuseUnreadableEvents(principal, changes.events);
        return { status: 200, body: { webhook: found(id, webhooks.update(id, changes, clock.nowIso())) } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete a webhook with its pending deliveries and attempt log', status: 204 },
      permission: 'webhooks:write',
      handler: ({ params }) => {
        const id = params.id as string;
        if (!webhooks.delete(id)) found(id, undefined);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: DELIVERIES,
      describe: {
        summary: "List a webhook's delivery attempts",
        query: listWebhookDeliveriesQuerySchema,
        status: 200,
        response: webhookDeliveryListSchema,
      },
      permission: 'webhooks:read',
      handler: ({ params, query }) => {
        const id = params.id as string;
        const { per_page, cursor, order, event_id } = parseQuery(listWebhookDeliveriesQuerySchema, query);
        found(id, webhooks.get(id));
        return listReply('deliveries', () =>
          webhookDeliveries.listAttempts({
            webhookId: id,
            eventId: event_id,
            order,
            perPage: per_page,
            cursor,
          }),
        );
      },
    },
  ];
}
