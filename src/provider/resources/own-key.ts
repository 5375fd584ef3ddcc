import type { LightyearClient } from '../../client';
import type { ApiKey } from '../../api';

const byClient = new WeakMap<LightyearClient, Promise<ApiKey | undefined>>();

/**
 * The provider's own API key as the API lists it (its permissions, expiry and source ranges), or undefined
 * when that cannot be known: the key is not shaped like a LightYear key, it may not list keys (no
 * `account:read`), or its prefix is shared by another key. Plan-time checks use it to refuse what the API
 * would refuse on create (a key can only grant what it holds), and skip the check when it is undefined: the
 * create then fails with the API's own reason. Looked up once per configured provider.
 */
export function ownApiKey(client: LightyearClient, signal: AbortSignal): Promise<ApiKey | undefined> {
  let found = byClient.get(client);
  if (found === undefined) {
    found = lookUp(client, signal);
    byClient.set(client, found);
  }
  return found;
}

async function lookUp(client: LightyearClient, signal: AbortSignal): Promise<ApiKey | undefined> {
  const prefix = client.apiKeyPrefix;
  if (prefix === undefined) return undefined;
  try {
    const matches = (await client.apiKeys.listAll({ per_page: 500 }, { signal })).filter(
      (key) => key.prefix === prefix,
    );
    return matches.length === 1 ? matches[0] : undefined;
  } catch {
    // Not knowing is not an error at plan time: the API judges the create itself, with its reason.
    byClient.delete(client);
    return undefined;
  }
}
