import fs from 'node:fs';
import { version } from '../../package.json';
import type { LightyearClient } from '../client';
import { clientModule } from './client-module';
import type { Diagnostics } from './framework/diagnostics';
import { ResourceError } from './framework/errors';
import type { ProviderDefinition } from './framework/provider';
import type { ObjectValue } from './protocol/values';
import { ctyString } from './protocol/values';
import { toResourceError } from './resources/api-errors';
import { sshKeyResource } from './resources/ssh-key/resource';

export const PROVIDER_NAME = 'lightyear';
export const PROVIDER_SOURCE = 'lightyear/lightyear';
export const DEFAULT_ENDPOINT = 'https://api.lightyear.host/v1';

function checkEndpoint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return `endpoint must be an http(s) URL, not ${url.protocol}`;
  } catch {
    return `endpoint "${value}" is not a URL (expected e.g. ${DEFAULT_ENDPOINT})`;
  }
  return undefined;
}

function configuredString(config: ObjectValue, name: string): string | undefined {
  const v = config[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * One cheap authenticated call, so a wrong key or endpoint is one clear error at configuration instead of one
 * per resource. A 403 means the key is valid but not scoped for SSH keys, which is not this check's business.
 */
async function verifyCredentials(client: LightyearClient, diagnostics: Diagnostics): Promise<boolean> {
  try {
    await client.sshKeys.list({ per_page: 1 });
    return true;
  } catch (err) {
    if (clientModule().isApiError(err, 'forbidden')) return true;
    const e = toResourceError(err, 'Connecting to LightYear Cloud', { attributes: {} });
    if (e instanceof ResourceError) diagnostics.error(e.summary, e.detail);
    else
      diagnostics.error('Connecting to LightYear Cloud failed', e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** The LightYear provider: its configuration, how it builds its API client, and what it manages. */
export const lightyearProvider: ProviderDefinition<LightyearClient> = {
  name: PROVIDER_NAME,
  version,
  schema: {
    version: 0,
    description: 'Manages LightYear Cloud resources through its REST API v1.',
    attributes: {
      api_key: {
        type: ctyString,
        description:
          'API key for LightYear Cloud. Falls back to the `LIGHTYEAR_API_KEY` environment variable.',
        optional: true,
        sensitive: true,
      },
      endpoint: {
        type: ctyString,
        description: `API base URL. Falls back to \`LIGHTYEAR_ENDPOINT\`, then \`${DEFAULT_ENDPOINT}\`. Plain \`http://\` is accepted only for loopback hosts (the local cloud).`,
        optional: true,
        validate: checkEndpoint,
      },
      ca_cert_file: {
        type: ctyString,
        description:
          'PEM file of a certificate authority to trust for the endpoint, e.g. the certificate of a local cloud started with `lyctl local start --tls`. Falls back to `LIGHTYEAR_CA_CERT`.',
        optional: true,
      },
    },
  },

  async configure(config, ctx) {
    const apiKey = configuredString(config, 'api_key') ?? process.env.LIGHTYEAR_API_KEY;
    const endpoint =
      configuredString(config, 'endpoint') ?? process.env.LIGHTYEAR_ENDPOINT ?? DEFAULT_ENDPOINT;
    if (!apiKey) {
      ctx.diagnostics.error(
        'Missing API key',
        'Set api_key in the provider "lightyear" block or the LIGHTYEAR_API_KEY environment variable. For the local cloud, `eval "$(npx lyctl local env)"` sets both.',
        ['api_key'],
      );
      return undefined;
    }
    const caFile = configuredString(config, 'ca_cert_file') ?? process.env.LIGHTYEAR_CA_CERT;
    let ca: Buffer | undefined;
    if (caFile) {
      try {
        ca = fs.readFileSync(caFile);
      } catch (err) {
        const reason = (err as NodeJS.ErrnoException).code ?? 'unreadable';
        const path = configuredString(config, 'ca_cert_file') ? ['ca_cert_file'] : undefined;
        ctx.diagnostics.error('Cannot read the CA certificate', `${caFile}: ${reason}`, path);
        return undefined;
      }
    }
    let client: LightyearClient;
    try {
      client = new (clientModule().LightyearClient)({
        apiKey,
        endpoint,
        userAgent: `terraform-provider-lightyear/${version} terraform/${ctx.terraformVersion}`,
        signal: ctx.signal,
        ...(ca ? { ca } : {}),
      });
    } catch (err) {
      if (err instanceof clientModule().LightyearConfigError) {
        const path = configuredString(config, 'endpoint') ? ['endpoint'] : undefined;
        ctx.diagnostics.error('Invalid provider configuration', err.message, path);
        return undefined;
      }
      throw err;
    }
    return (await verifyCredentials(client, ctx.diagnostics)) ? client : undefined;
  },

  resources: [sshKeyResource],
  dataSources: [],
};
