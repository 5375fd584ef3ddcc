import type {
  CreateWebhookRequest,
  CreatedWebhookResponse,
  ListWebhookDeliveriesQuery,
  ListWebhooksQuery,
  UpdateWebhookRequest,
  Webhook,
  WebhookDeliveryAttempt,
} from '../../api';
import {
  createWebhookResponseSchema,
  webhookDeliveryListSchema,
  webhookListSchema,
  webhookResponseSchema,
} from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { Listing, UpdatableCollection, paged, unwrapped } from './collection';

/** No filters; sorted by creation time. */
export type WebhookListQuery = ListQuery<ListWebhooksQuery>;
/** Filter `event_id`. */
export type WebhookDeliveryListQuery = ListQuery<ListWebhookDeliveriesQuery>;

/** One webhook's delivery attempts, oldest first. */
export type WebhookDeliveries = Listing<WebhookDeliveryAttempt, WebhookDeliveryListQuery>;

/**
 * `/webhooks`. A create answers `{webhook, secret}`: the signing secret exists only in that answer.
 * `deliveries(id)` lists what the cloud tried to send and how each attempt went.
 */
export class Webhooks extends UpdatableCollection<
  Webhook,
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookListQuery,
  CreatedWebhookResponse
> {
  constructor(api: ApiRequester) {
    super(api, {
      path: '/webhooks',
      idName: 'webhook id',
      one: unwrapped(webhookResponseSchema, 'webhook'),
      created: createWebhookResponseSchema,
      page: paged(webhookListSchema, 'webhooks'),
    });
  }

  /** The delivery attempts of webhook `id`. */
  deliveries(id: string): WebhookDeliveries {
    return new Listing(this.api, {
      path: `${this.itemPath(id)}/deliveries`,
      page: paged(webhookDeliveryListSchema, 'deliveries'),
    });
  }
}
