import fs from 'node:fs';
import { version } from '../../package.json';
import type { LightyearClient } from '../client';
import { fileErrorInWords } from '../files/file-error-words';
import { logApiEvent } from './api-call-log';
import {
  attributeApiCalls,
  attributeDataSourceApiCalls,
  currentApiCallOrigin,
  withApiCallOrigin,
} from './api-call-origin';
import { imageDataSource, planDataSource, regionDataSource } from './catalog/data-sources';
import { clientModule, saveClientCodeCache } from './client-module';
import type { Diagnostics } from './framework/diagnostics';
import { ResourceError } from './framework/errors';
import type { ProviderDefinition } from './framework/provider';
import { checkTimeout, parseGoDuration } from './go-duration';
import { createLogger, levelFromEnvironment } from './protocol/logger';
import type { ObjectValue } from './protocol/values';
import { ctyNumber, ctySet, ctyString, type Value } from './protocol/values';
import { rememberProviderSettings } from './provider-settings';
import { instanceTagProblem } from '../spelling/instance-tags';
import { toResourceError } from './resources/api-errors';
import { sshKeyDataSource } from './resources/ssh-key/data-source';
import { blockStorageAttachmentResource } from './resources/block-storage-attachment/resource';
import { blockStorageResource } from './resources/block-storage/resource';
import { snapshotResource } from './resources/snapshot/resource';
import { apiKeyResource } from './resources/api-key/resource';
import { webhookResource } from './resources/webhook/resource';
import { firewallResource } from './resources/firewall/resource';
import { sshKeyResource } from './resources/ssh-key/resource';
import { instanceResource } from './resources/instance/resource';
import { instanceDataSource } from './resources/instance/data-source';
import { dnsDomainDataSource } from './resources/dns-domain/data-source';
import { dnsDomainResource } from './resources/dns-domain/resource';
import { dnsRecordsDataSource } from './resources/dns-record/records-data-source';
import { dnsRecordResource } from './resources/dns-record/resource';

export const PROVIDER_NAME = 'lightyear';
export const PROVIDER_SOURCE = 'lightyear/lightyear';
export const DEFAULT_ENDPOINT = 'https://api.lightyear.host/v1';
/** See `LightyearClientOptions.deadlineMs` for why two minutes. */
export const DEFAULT_REQUEST_TIMEOUT = '2m';
/** One attempt never waits longer than this, so a call retries a stuck connection within request_timeout. */
const ATTEMPT_TIMEOUT_MS = 30_000;

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

function checkRequestTimeout(value: unknown): string | undefined {
  return typeof value === 'string' ? checkTimeout('request_timeout', value) : undefined;
}

/** The client's own defaults are 600 (the API's limit) and 4; the provider retries once more by default. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;
export const DEFAULT_MAX_RETRIES = 5;

/** A whole number of at least `min`; the text names the attribute, for the diagnostic on it. */
function checkWholeNumber(name: string, min: number) {
  return (value: Value): string | undefined => {
    if (value === null || typeof value !== 'number') {
      return typeof value === 'bigint' ? `${name} is far too large` : undefined;
    }
    if (!Number.isInteger(value)) return `${name} must be a whole number (got ${value})`;
    if (value < min) return `${name} must be at least ${min} (got ${value})`;
    return undefined;
  };
}

function checkDefaultTags(value: Value): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const tag of value as readonly Value[]) {
    if (typeof tag !== 'string') continue;
    const problem = instanceTagProblem(tag);
    if (problem !== undefined)
      return `default_tags: tag "${tag}" ${problem.reason}${problem.fix === undefined ? '' : `; ${problem.fix}`}`;
  }
  return undefined;
}

function configuredNumber(config: ObjectValue, name: string, fallback: number): number {
  const v = config[name];
  return typeof v === 'number' ? v : fallback;
}

function configuredStrings(config: ObjectValue, name: string): string[] {
  const v = config[name];
  return Array.isArray(v) ? (v as readonly Value[]).filter((t): t is string => typeof t === 'string') : [];
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
      request_timeout: {
        type: ctyString,
        description: `How long one API call may take, retries included, as a duration such as \`"30s"\` or \`"2m"\`; a call still unanswered by then fails with an error naming the endpoint. Each attempt is also cut off after 30 s (or request_timeout, if shorter) and retried while time remains. Falls back to \`LIGHTYEAR_REQUEST_TIMEOUT\`, then \`"${DEFAULT_REQUEST_TIMEOUT}"\`.`,
        optional: true,
        validate: checkRequestTimeout,
      },
      requests_per_minute: {
        type: ctyNumber,
        description: `How many API requests the provider sends per minute at most, a whole number of 1 or more; requests beyond it wait their turn instead of running into the API's 429 answers. Lower it when several runs share one API key. Default ${DEFAULT_REQUESTS_PER_MINUTE}, the API's own limit per key.`,
        optional: true,
        validate: checkWholeNumber('requests_per_minute', 1),
      },
      max_retries: {
        type: ctyNumber,
        description: `How many times one API call is retried after a failure that may pass (a 429, a 5xx, a dropped connection), with backoff, within request_timeout; \`0\` turns retries off. Default ${DEFAULT_MAX_RETRIES}.`,
        optional: true,
        validate: checkWholeNumber('max_retries', 0),
      },
      default_tags: {
        type: ctySet(ctyString),
        description:
          'Tags every `lightyear_instance` carries beside its own `tags`, e.g. `["managed-by:terraform"]`. An instance\'s `tags_all` shows the union that is sent to the API; its `tags` keep only what it configures, and a tag both here and in `tags` is one tag (no change is planned). Changing this set updates every instance in place.',
        optional: true,
        validate: checkDefaultTags,
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
        const path = configuredString(config, 'ca_cert_file') ? ['ca_cert_file'] : undefined;
        const source = path ? 'ca_cert_file' : 'LIGHTYEAR_CA_CERT';
        ctx.diagnostics.error(
          'Cannot read the CA certificate',
          `${source} names ${caFile}: ${fileErrorInWords(err)}.`,
          path,
        );
        return undefined;
      }
    }
    const configuredTimeout = configuredString(config, 'request_timeout');
    const timeoutText = configuredTimeout ?? process.env.LIGHTYEAR_REQUEST_TIMEOUT ?? DEFAULT_REQUEST_TIMEOUT;
    // The attribute was checked at validation; the environment variable is first seen here.
    const timeoutProblem = checkTimeout(
      configuredTimeout ? 'request_timeout' : 'LIGHTYEAR_REQUEST_TIMEOUT',
      timeoutText,
    );
    if (timeoutProblem !== undefined) {
      ctx.diagnostics.error(
        'Invalid request timeout',
        timeoutProblem,
        configuredTimeout ? ['request_timeout'] : undefined,
      );
      return undefined;
    }
    const deadlineMs = parseGoDuration(timeoutText.trim())!;
    const apiLog = createLogger({ module: 'api' });
    let client: LightyearClient;
    try {
      client = new (clientModule().LightyearClient)({
        apiKey,
        endpoint,
        userAgent: `terraform-provider-lightyear/${version} terraform/${ctx.terraformVersion}`,
        signal: ctx.signal,
        timeoutMs: Math.min(ATTEMPT_TIMEOUT_MS, deadlineMs),
        deadlineMs,
        requestsPerMinute: configuredNumber(config, 'requests_per_minute', DEFAULT_REQUESTS_PER_MINUTE),
        maxRetries: configuredNumber(config, 'max_retries', DEFAULT_MAX_RETRIES),
        onLogEvent: (event) => logApiEvent(apiLog, event, currentApiCallOrigin()),
        logBodies: levelFromEnvironment() === 'trace',
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
    rememberProviderSettings(client, { defaultTags: configuredStrings(config, 'default_tags') });
    const verified = await withApiCallOrigin({ operation: 'configure' }, () =>
      verifyCredentials(client, ctx.diagnostics),
    );
    // The first request has run the client's request path: what the next process may read back compiled.
    saveClientCodeCache();
    return verified ? client : undefined;
  },

  dataSources: [
    attributeDataSourceApiCalls(regionDataSource),
    attributeDataSourceApiCalls(planDataSource),
    attributeDataSourceApiCalls(imageDataSource),
    attributeDataSourceApiCalls(sshKeyDataSource),
    attributeDataSourceApiCalls(instanceDataSource),
    attributeDataSourceApiCalls(dnsDomainDataSource),
    attributeDataSourceApiCalls(dnsRecordsDataSource),
  ],
  resources: [
    attributeApiCalls(sshKeyResource),
    attributeApiCalls(blockStorageResource),
    attributeApiCalls(blockStorageAttachmentResource),
    attributeApiCalls(snapshotResource),
    attributeApiCalls(apiKeyResource),
    attributeApiCalls(webhookResource),
    attributeApiCalls(firewallResource),
    attributeApiCalls(instanceResource),
    attributeApiCalls(dnsDomainResource),
    attributeApiCalls(dnsRecordResource),
  ],
};
