import { listReply } from '../http/list-reply';
import {
  apiKeyListSchema,
  apiKeyResponseSchema,
  createApiKeyRequestSchema,
  createdApiKeyResponseSchema,
  listApiKeysQuerySchema,
  type CreatedApiKeyResponse,
} from '../../api';
import { AllowedIpError, canonicalAllowedIps, rangesOutside } from '../../spelling/allowed-ips';
import { displayPrefix, generateApiKeySecret, hashApiKeySecret } from '../api-key-secret';
import { BOOTSTRAP_KEY_NAME } from '../bootstrap';
import type { CloudContext } from '../cloud-context';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import { permissionsNotCovered } from '../permissions';
import { toApiKey, type ApiKeyRecord, type ApiKeyStore, type NewApiKey } from '../store/api-keys';

const COLLECTION = '/v1/account/api-keys';
const ITEM = '/v1/account/api-keys/:id';

/**
 * `/v1/account/api-keys`: create, list, read and revoke API keys.
 *
 * - A key can only create keys within its own limits (permissions, expiry, allowed_ips; 403 otherwise):
 *   `account:write` must not be a way to mint a `*` key, an everlasting key or one usable from anywhere.
 * - A key may delete itself (revoking a leaked key with itself is the quickest way out), but not the
 *   bootstrap key (409): it is the key `lyctl` and the data directory's `bootstrap-key` file hand out, and
 *   the cloud would only recreate it on the next start.
 */
export function apiKeyRoutes({ store, clock }: CloudContext): Route[] {
  const apiKeys: ApiKeyStore = store.apiKeys;
  const found = (id: string, key: ApiKeyRecord | undefined): ApiKeyRecord => {
    if (key === undefined)
      throw new NotFoundError(`There is no API key with id ${id}.`, { resource: 'api_key', id });
    return key;
  };

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Create an API key (the secret is only in this answer)',
        body: createApiKeyRequestSchema,
        status: 201,
        response: createdApiKeyResponseSchema,
      },
      permission: 'account:write',
      handler: ({ body, principal }) => {
        const request = parseBody(createApiKeyRequestSchema, body);
        const nowMs = clock.nowMs();
        let expiresAt: string | undefined;
        if (request.expires_at !== undefined && request.expires_at !== null) {
          const expiresMs = Date.parse(request.expires_at);
          if (expiresMs <= nowMs) throw InvalidRequestError.forField('expires_at', 'must be in the future');
          expiresAt = new Date(expiresMs).toISOString();
        }
        const allowedIps =
          request.allowed_ips === undefined || request.allowed_ips === null
            ? undefined
            : canonicalRanges(request.allowed_ips);
        refuseEscalation(apiKeys.get(principal?.apiKeyId ?? ''), request.permissions, expiresAt, allowedIps);
        const secret = generateApiKeySecret();
        const key: NewApiKey = {
          id: newId('apiKey'),
          name: request.name,
          prefix: displayPrefix(secret),
          secretSha256: hashApiKeySecret(secret),
          permissions: request.permissions,
          expiresAt,
          allowedIps,
          createdAt: new Date(nowMs).toISOString(),
        };
        apiKeys.insert(key);
        const answer: CreatedApiKeyResponse = { api_key: toApiKey(key), secret };
        return { status: 201, body: answer, headers: { Location: `${COLLECTION}/${key.id}` } };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List API keys (never their secrets)',
        query: listApiKeysQuerySchema,
        status: 200,
        response: apiKeyListSchema,
      },
      permission: 'account:read',
      handler: ({ query }): Reply => {
        const { per_page, cursor, order, sort, name } = parseQuery(listApiKeysQuerySchema, query);
        return listReply(
          'api_keys',
          () => apiKeys.list({ sort, order, perPage: per_page, name, cursor }),
          toApiKey,
        );
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get an API key (never its secret)', status: 200, response: apiKeyResponseSchema },
      permission: 'account:read',
      handler: ({ params }) => {
        const id = params.id as string;
        return { status: 200, body: { api_key: toApiKey(found(id, apiKeys.get(id))) } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Revoke an API key (effective with the next request)', status: 204 },
      permission: 'account:write',
      handler: ({ params }) => {
        const id = params.id as string;
        if (apiKeys.findByName(BOOTSTRAP_KEY_NAME)?.id === id) {
          throw new ConflictError(
            'The bootstrap key cannot be deleted: it is how lyctl and the data directory reach this cloud.',
            { id, reason: 'bootstrap_key' },
          );
        }
        if (!apiKeys.delete(id)) found(id, undefined);
        return { status: 204 };
      },
    },
  ];
}

/**
 * A key can only hand out what it has: the permissions it holds, no later expiry than its own, and only
 * addresses inside its own `allowed_ips`. Otherwise `account:write` would be a way around every limit: a
 * key that expires tomorrow could mint one that never does.
 */
function refuseEscalation(
  creator: ApiKeyRecord | undefined,
  permissions: readonly string[],
  expiresAt: string | undefined,
  allowedIps: readonly string[] | undefined,
): void {
  const missing = permissionsNotCovered(creator?.permissions ?? [], permissions);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `A key can only grant permissions it holds; this key lacks ${missing.join(', ')}.`,
      { field: 'permissions', missing_permissions: missing },
    );
  }
  if (creator?.expiresAt !== undefined && (expiresAt === undefined || expiresAt > creator.expiresAt)) {
    throw new ForbiddenError(
      `This key expires at ${creator.expiresAt}; a key it creates must expire at or before then.`,
      { field: 'expires_at', latest_allowed: creator.expiresAt },
    );
  }
  if (creator?.allowedIps !== undefined) {
    const outside = allowedIps === undefined ? ['anywhere'] : rangesOutside(allowedIps, creator.allowedIps);
    if (outside.length > 0) {
      throw new ForbiddenError(
        `This key may only be used from ${creator.allowedIps.join(', ')}; a key it creates must be limited ` +
          'to ranges inside those.',
        { field: 'allowed_ips', outside, allowed_ips: creator.allowedIps },
      );
    }
  }
}

function canonicalRanges(entries: readonly string[]): string[] {
  try {
    return canonicalAllowedIps(entries);
  } catch (error) {
    if (error instanceof AllowedIpError) throw InvalidRequestError.forField('allowed_ips', error.message);
    throw error;
  }
}
