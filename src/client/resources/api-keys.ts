import type { ApiKey, CreateApiKeyRequest, CreatedApiKeyResponse, ListApiKeysQuery } from '../../api';
import { apiKeyListSchema, apiKeyResponseSchema, createdApiKeyResponseSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { Collection, paged, unwrapped } from './collection';

/** Filter `name`; sort by `created_at` or `name`. */
export type ApiKeyListQuery = ListQuery<ListApiKeysQuery>;

/**
 * `/account/api-keys` (the calling key needs `account:write`). A create answers `{api_key, secret}`: the
 * secret exists only in that answer, so the caller must keep it then. Keys are immutable; delete revokes.
 */
export type ApiKeys = Collection<ApiKey, CreateApiKeyRequest, ApiKeyListQuery, CreatedApiKeyResponse>;

export function apiKeys(api: ApiRequester): ApiKeys {
  return new Collection(api, {
    path: '/account/api-keys',
    idName: 'api key id',
    one: unwrapped(apiKeyResponseSchema, 'api_key'),
    created: createdApiKeyResponseSchema,
    page: paged(apiKeyListSchema, 'api_keys'),
  });
}
