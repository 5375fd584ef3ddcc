import type { LightyearClient } from '../client';

/**
 * Provider-wide settings that resources need beside the client (the client type is shared by every resource
 * kind and stays as it is). `configure` records them for the client it builds; a resource looks them up by
 * its context's client. While the provider cannot be configured yet (arguments unknown at plan time) there
 * is no client and so no settings: what depends on them is planned as unknown.
 */
export interface ProviderSettings {
  /** Tags every instance carries beside its own (`default_tags`), as configured. */
  readonly defaultTags: readonly string[];
}

const byClient = new WeakMap<LightyearClient, ProviderSettings>();

export const NO_PROVIDER_SETTINGS: ProviderSettings = { defaultTags: [] };

export function rememberProviderSettings(client: LightyearClient, settings: ProviderSettings): void {
  byClient.set(client, settings);
}

/** The settings `configure` recorded for this client; none recorded (a test's own client) means none set. */
export function providerSettings(client: LightyearClient): ProviderSettings {
  return byClient.get(client) ?? NO_PROVIDER_SETTINGS;
}
