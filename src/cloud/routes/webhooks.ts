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
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { NotFoundError } from '../errors';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import { generateWebhookSecret } from '../webhooks/signing';

const COLLECTION = '/v1/webhooks';
const ITEM = '/v1/webhooks/:id';
const DELIVERIES = '/v1/webhooks/:id/deliveries';

/** `/v1/webhooks`: subscribe URLs to events, and read back every delivery attempt. */
export function webhookRoutes({ store, clock }: CloudContext): Route[] {
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
      },
      permission: 'webhooks:write',
      handler: ({ body }) => {
        const request = parseBody(createWebhookRequestSchema, body);
        const secret = generateWebhookSecret();
        const webhook = webhooks.insert({
          id: newId('webhook'),
          url: request.url,
          events: request.events,
          description: request.description ?? null,
          secret,
          createdAt: clock.nowIso(),
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
      handler: ({ params, body }) => {
        const id = params.id as string;
        const changes = parseBody(updateWebhookRequestSchema, body);
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
