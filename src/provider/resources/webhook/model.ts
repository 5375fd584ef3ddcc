import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook } from '../../../api';
import { canonicalEventType, type WebhookEventType } from '../../../spelling';
import type { ObjectValue } from '../../protocol/values';
import { readState } from '../../framework/typed-state';
import { webhookSchema, type WebhookState } from './schema';

export function stateFromValue(v: ObjectValue): WebhookState {
  return readState(webhookSchema, v);
}

/** Event types in the API's spelling (validation has refused unknown ones), each once, sorted as the API keeps them. */
function eventsFrom(s: WebhookState): WebhookEventType[] {
  const events = (s.events ?? []).map((e) => canonicalEventType(e) ?? (e as WebhookEventType));
  return [...new Set(events)].sort();
}

export function createRequestFrom(planned: ObjectValue): CreateWebhookRequest {
  const s = stateFromValue(planned);
  return {
    url: s.url ?? '',
    events: eventsFrom(s),
    ...(s.description === null ? {} : { description: s.description }),
  };
}

/** Every argument as planned; a description left out is cleared (`null`), not kept. */
export function updateRequestFrom(planned: ObjectValue): UpdateWebhookRequest {
  const s = stateFromValue(planned);
  return { url: s.url ?? '', events: eventsFrom(s), description: s.description, active: s.active ?? true };
}

/**
 * The API object as state, in the API's spelling. `secret` is what the create answered, or the one already
 * in state: the API never shows it again, so reads and updates must not lose it; after an import it is null.
 */
export function stateFromApi(webhook: Webhook, secret: string | null): WebhookState {
  return {
    id: webhook.id,
    url: webhook.url,
    events: [...webhook.events],
    description: webhook.description,
    active: webhook.active,
    secret,
    created_at: webhook.created_at,
  };
}
