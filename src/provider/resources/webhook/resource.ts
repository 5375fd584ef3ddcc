import type { LightyearClient } from '../../../client';
import { canonicalEventType, EVENT_READ_PERMISSION, permissionsNotCovered } from '../../../spelling';
import {
  PartialCreateError,
  type ModifyPlanRequest,
  type OperationContext,
  type ResourceDefinition,
} from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import type { ObjectValue, Value } from '../../protocol/values';
import { apiCall, deleteIgnoringGone, importById, readOrGone } from '../operations';
import { ownApiKey } from '../own-key';
import { createRequestFrom, stateFromApi, stateFromValue, updateRequestFrom } from './model';
import { WEBHOOK_TYPE, webhookSchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

const asValue = (state: ReturnType<typeof stateFromApi>) => toValue(webhookSchema, state);

/** `lightyear_webhook`: every argument changes in place; the signing secret is known only from the create. */
export const webhookResource: ResourceDefinition<LightyearClient> = {
  typeName: WEBHOOK_TYPE,
  schema: webhookSchema,

  modifyPlan: planWebhook,

  async create(ctx: Ctx, planned) {
    const created = await apiCall('Creating the webhook', webhookSchema, () =>
      ctx.client.webhooks.create(createRequestFrom(planned), { signal: ctx.signal }),
    );
    const state = asValue(stateFromApi(created.webhook, created.secret));
    if (stateFromValue(planned).active !== false) return state;
    // The create takes no `active`: a webhook planned paused is paused right after, and kept (tainted)
    // with its secret if that fails, never lost.
    try {
      const paused = await apiCall('Pausing the new webhook', webhookSchema, () =>
        ctx.client.webhooks.update(created.webhook.id, { active: false }, { signal: ctx.signal }),
      );
      return asValue(stateFromApi(paused, created.secret));
    } catch (err) {
      throw new PartialCreateError(state, err);
    }
  },

  async read(ctx: Ctx, state) {
    const { id, secret } = stateFromValue(state);
    if (id === null) return null;
    const webhook = await readOrGone('Reading the webhook', webhookSchema, () =>
      ctx.client.webhooks.get(id, { signal: ctx.signal }),
    );
    // Deleted behind Terraform's back: it leaves state, and the next plan creates it again.
    return webhook === null ? null : asValue(stateFromApi(webhook, secret));
  },

  async update(ctx: Ctx, prior, planned) {
    const { id, secret } = stateFromValue(prior);
    const updated = await apiCall('Updating the webhook', webhookSchema, () =>
      ctx.client.webhooks.update(id ?? '', updateRequestFrom(planned), { signal: ctx.signal }),
    );
    return asValue(stateFromApi(updated, secret));
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    await deleteIgnoringGone('Deleting the webhook', webhookSchema, () =>
      ctx.client.webhooks.delete(id, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    // The secret stays null: the API shows it only when the webhook is created.
    return importById(webhookSchema, id, {
      noun: 'a webhook',
      pattern: /^whk_[A-Za-z0-9]+$/,
      example: 'whk_2bX9...',
      listCommand: 'npx lyctl webhook list',
    });
  },
};

/**
 * When the provider's own key is knowable (src/provider/resources/own-key.ts), refuse at plan time what the
 * API would refuse at apply: subscribing to events whose objects the key cannot read.
 */
async function planWebhook(req: ModifyPlanRequest<LightyearClient>): Promise<ObjectValue | undefined> {
  const events = req.config['events'];
  if (req.client === undefined || !Array.isArray(events)) return undefined;
  const known = (events as Value[]).filter((e): e is string => typeof e === 'string');
  const needed = [
    ...new Set(
      known.flatMap((e) => {
        const type = canonicalEventType(e);
        return type === undefined ? [] : [EVENT_READ_PERMISSION[type]];
      }),
    ),
  ];
  if (needed.length === 0) return undefined;
  const own = await ownApiKey(req.client, req.signal);
  if (own === undefined) return undefined;
  const missing = permissionsNotCovered(own.permissions, needed);
  if (missing.length > 0) {
    req.diagnostics.error(
      'Events the provider\u2019s key cannot read',
      `A webhook delivers the objects its events are about, so subscribing needs read access to them; the ` +
        `provider's API key (${own.prefix}…, ${own.id}) holds ${own.permissions.join(', ')} and lacks ` +
        `${missing.join(', ')}.`,
      ['events'],
    );
  }
  return undefined;
}
