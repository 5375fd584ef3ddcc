import type { LightyearClient } from '../../../client';
import { canonicalPermission, judge, timestampMs } from '../../../spelling';
import { ResourceError } from '../../framework/errors';
import type { ModifyPlanRequest, OperationContext, ResourceDefinition } from '../../framework/resource';
import { toValue } from '../../framework/typed-state';
import { Unknown, UNKNOWN, type ObjectValue, type Value } from '../../protocol/values';
import { apiCall, deleteIgnoringGone, importById, readOrGone } from '../operations';
import { ownApiKey } from '../own-key';
import { keyLimitProblems, type RequestedKey } from './limits';
import { createRequestFrom, isExpired, stateFromApi, stateFromValue } from './model';
import { API_KEY_TYPE, apiKeySchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

const asValue = (state: ReturnType<typeof stateFromApi>) => toValue(apiKeySchema, state);

/**
 * `lightyear_api_key`. Keys are immutable (the API has no PATCH): every argument forces replacement, so
 * `update` is never planned. Expiry is judged with the provider's clock at plan time: a key in state whose
 * `expires_at` has passed is planned for replacement by planning its `secret` as unknown with
 * `requiresReplace` (Terraform counts a replacement only for a path whose planned value changes, and
 * `expires_at` itself must stay as configured). Refresh does not drop an expired key from state: it still
 * exists (the API lists it), and a replacement revokes it, where forgetting it would leave it behind.
 */
export const apiKeyResource: ResourceDefinition<LightyearClient> = {
  typeName: API_KEY_TYPE,
  schema: apiKeySchema,

  modifyPlan: planApiKey,

  async create(ctx: Ctx, planned) {
    const created = await apiCall('Creating the API key', apiKeySchema, () =>
      ctx.client.apiKeys.create(createRequestFrom(planned), { signal: ctx.signal }),
    );
    return asValue(stateFromApi(created.api_key, created.secret));
  },

  async read(ctx: Ctx, state) {
    const { id, secret } = stateFromValue(state);
    if (id === null) return null;
    const key = await readOrGone('Reading the API key', apiKeySchema, () =>
      ctx.client.apiKeys.get(id, { signal: ctx.signal }),
    );
    // Revoked behind Terraform's back: it leaves state, and the next plan creates it again.
    return key === null ? null : asValue(stateFromApi(key, secret));
  },

  update() {
    // Unreachable: every argument requires replacement and equivalent spellings plan as no change.
    return Promise.reject(
      new ResourceError(
        'API keys cannot be changed in place',
        'The API has no way to change a key; Terraform should have planned a replacement. Please report this.',
        undefined,
        'api_key_immutable',
      ),
    );
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    await deleteIgnoringGone('Revoking the API key', apiKeySchema, () =>
      ctx.client.apiKeys.delete(id, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    // The secret stays null: the API shows it only when the key is created.
    return importById(apiKeySchema, id, {
      noun: 'an API key',
      pattern: /^key_[A-Za-z0-9]+$/,
      example: 'key_2bX9...',
      listCommand: 'npx lyctl api-key list',
    });
  },
};

async function planApiKey(req: ModifyPlanRequest<LightyearClient>): Promise<ObjectValue | undefined> {
  const nowMs = Date.now();
  if (req.prior !== null) {
    const prior = stateFromValue(req.prior);
    if (!isExpired(prior.expires_at, nowMs)) return undefined;
    req.diagnostics.warning(
      'API key expired',
      `The API key "${prior.name ?? ''}" (${prior.id ?? ''}) expired at ${prior.expires_at ?? ''}; it no longer ` +
        'authenticates, so Terraform plans to revoke it and create a new key, with a new secret, in its place.',
      ['expires_at'],
    );
    req.requireReplace(['secret']);
    return { ...req.planned, secret: UNKNOWN };
  }
  // Creating, or the create half of a replacement (Terraform plans it again without a prior state).
  const expiresAt = req.config['expires_at'] ?? null;
  if (typeof expiresAt === 'string') {
    const verdict = judge(() => timestampMs(expiresAt));
    if (verdict.ok && verdict.canonical <= nowMs) {
      req.diagnostics.error(
        'Expiry in the past',
        `expires_at is ${expiresAt}, which has passed: a key cannot be created already expired. Set a later ` +
          'time, or leave expires_at out for a key that never expires. (For a key that rotates, use ' +
          '`timeadd(plantimestamp(), "720h")` with `lifecycle { ignore_changes = [expires_at] }`.)',
        ['expires_at'],
      );
    }
  }
  if (req.client === undefined) return undefined;
  const creator = await ownApiKey(req.client, req.signal);
  if (creator === undefined) return undefined;
  for (const p of keyLimitProblems(creator, requestedKey(req.config)))
    req.diagnostics.error(p.summary, p.detail, p.path);
  return undefined;
}

/** The configured key as far as the plan knows it: unknown values (from other resources) are not judged. */
function requestedKey(config: ObjectValue): RequestedKey {
  const known = (v: Value | undefined) => !(v instanceof Unknown);
  const strings = (v: Value | undefined): string[] | null =>
    Array.isArray(v) && (v as Value[]).every((x) => typeof x === 'string') ? (v as string[]) : null;
  const permissions = config['permissions'];
  const expiresAt = config['expires_at'] ?? null;
  const allowedIps = config['allowed_ips'] ?? null;
  return {
    permissions: strings(permissions)?.map((p) => canonicalPermission(p) ?? p) ?? null,
    expiresAt: !known(expiresAt) ? undefined : typeof expiresAt === 'string' ? expiresAt : null,
    allowedIps: !known(allowedIps)
      ? undefined
      : allowedIps === null
        ? null
        : (strings(allowedIps) ?? undefined),
  };
}
