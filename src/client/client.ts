import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { Agent } from 'undici';
import type { Clock } from './clock';
import { LightyearAbortedError } from './errors';
import type { LightyearClientOptions } from './options';
import { linkSignals } from './linked-signal';
import { resolveOptions } from './options';
import { secretRedactor } from './redact';
import type { ApiRequester, CallOptions, RequestSpec } from './request-spec';
import type { ApiKeys } from './resources/api-keys';
import { apiKeys } from './resources/api-keys';
import { Blocks } from './resources/blocks';
import type { Images, Plans, Regions } from './resources/catalog';
import { images, plans, regions } from './resources/catalog';
import type { DnsRecords } from './resources/dns-records';
import { Domains } from './resources/domains';
import type { Firewalls } from './resources/firewalls';
import { firewalls } from './resources/firewalls';
import { Instances } from './resources/instances';
import type { Snapshots } from './resources/snapshots';
import { snapshots } from './resources/snapshots';
import type { SshKeys } from './resources/ssh-keys';
import { sshKeys } from './resources/ssh-keys';
import { Webhooks } from './resources/webhooks';
import { buildHandlerChain } from './transport/chain';
import type { ApiRequest, Handler } from './transport/types';
import { undiciTransport } from './transport/undici-transport';
import type { RetryWhileBusyOptions } from './retry-while-busy';
import { retryWhileBusy } from './retry-while-busy';
import type { WaitForOptions } from './wait-for';
import { waitFor } from './wait-for';

/**
 * The one way the provider, lyctl and the tests talk to the LightYear API.
 *
 * ```ts
 * const client = new LightyearClient({ apiKey, endpoint: cloud.url });
 * const key = await client.sshKeys.create({ name: 'laptop', public_key: '...' });
 * for await (const each of client.sshKeys.iterate()) console.log(each.id);
 * const server = await client.instances.create({ region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label: 'web' });
 * await client.waitFor({
 *   poll: (signal) => client.instances.get(server.id, { signal }),
 *   until: (instance) => instance.status === 'active',
 *   description: `instance ${server.id} to become active`,
 * });
 * await client.close();
 * ```
 */
export class LightyearClient implements ApiRequester {
  /** The API base every path is relative to, e.g. `https://api.lightyear.host/v1`. */
  readonly endpoint: string;
  /**
   * `ly_` and the next 6 characters of this client's API key: what the API lists as that key's `prefix`, so a
   * caller can find its own key's permissions and limits in `apiKeys.list()`. Shown in lists anyway, it is
   * far too little to use the key. Undefined when the key is not shaped like a LightYear key.
   */
  readonly apiKeyPrefix: string | undefined;
  readonly sshKeys: SshKeys;
  readonly instances: Instances;
  readonly firewalls: Firewalls;
  /** Block storage volumes. */
  readonly blocks: Blocks;
  /** DNS domains, addressed by name; `domains.records(name)` (or `dnsRecords(name)`) holds their records. */
  readonly domains: Domains;
  readonly snapshots: Snapshots;
  /** The account's API keys (`/account/api-keys`). */
  readonly apiKeys: ApiKeys;
  readonly webhooks: Webhooks;
  /** The catalog: read-only lists. */
  readonly regions: Regions;
  readonly plans: Plans;
  readonly images: Images;

  // ES private fields: invisible to inspect(), JSON.stringify and property enumeration, so the key-bearing
  // handler chain cannot leak through a debug print of the client.
  readonly #handler: Handler;
  readonly #dispatcher: Agent;
  readonly #signal: AbortSignal | undefined;
  readonly #userAgent: string;
  readonly #clock: Clock;

  constructor(options: LightyearClientOptions) {
    const resolved = resolveOptions(options);
    this.endpoint = resolved.endpoint.href;
    this.apiKeyPrefix = /^ly_[0-9A-Za-z]{6}/.test(resolved.apiKey) ? resolved.apiKey.slice(0, 9) : undefined;
    this.#signal = resolved.signal;
    this.#userAgent = resolved.userAgent;
    this.#clock = resolved.clock;
    this.#dispatcher = new Agent(resolved.ca === undefined ? {} : { connect: { ca: resolved.ca } });
    const transport = undiciTransport({
      endpoint: resolved.endpoint,
      dispatcher: this.#dispatcher,
      timeoutMs: resolved.timeoutMs,
      maxResponseBytes: resolved.maxResponseBytes,
    });
    this.#handler = buildHandlerChain(transport, {
      apiKey: resolved.apiKey,
      endpointHref: resolved.endpoint.href,
      requestsPerMinute: resolved.requestsPerMinute,
      rateLimitBurst: resolved.rateLimitBurst,
      retry: {
        maxRetries: resolved.maxRetries,
        baseDelayMs: resolved.retryBaseDelayMs,
        maxDelayMs: resolved.maxRetryDelayMs,
        random: Math.random,
      },
      deadlineMs: resolved.deadlineMs,
      clock: resolved.clock,
      emit: resolved.emit,
      logBodies: resolved.logBodies,
      redact: secretRedactor([resolved.apiKey]),
    });
    this.sshKeys = sshKeys(this);
    this.instances = new Instances(this);
    this.firewalls = firewalls(this);
    this.blocks = new Blocks(this);
    this.domains = new Domains(this);
    this.snapshots = snapshots(this);
    this.apiKeys = apiKeys(this);
    this.webhooks = new Webhooks(this);
    this.regions = regions(this);
    this.plans = plans(this);
    this.images = images(this);
  }

  /** The DNS records of `domain` (the same as `domains.records(domain)`). */
  dnsRecords(domain: string): DnsRecords {
    return this.domains.records(domain);
  }

  /**
   * One typed call through the whole chain. Resource files use it; it is public so a call the client has no
   * method for yet can still be made with validation, retries and typed errors.
   */
  async request<T = void>(spec: RequestSpec<T>, options: CallOptions = {}): Promise<T> {
    const call = linkSignals([this.#signal, options.signal]);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.#userAgent };
    if (spec.method === 'POST' && spec.idempotencyKey !== false) {
      // Generated once per logical call; the retry handler resends these same headers.
      headers['idempotency-key'] = spec.idempotencyKey ?? randomUUID();
    }
    const request: ApiRequest = {
      method: spec.method,
      path: spec.path,
      query: spec.query,
      body: spec.body,
      headers,
      responseSchema: spec.response,
      signal: call.signal,
      attempt: 1,
    };
    try {
      if (call.signal.aborted) throw new LightyearAbortedError();
      const response = await this.#handler(request);
      return response.data as T;
    } catch (err) {
      if (err instanceof LightyearAbortedError) {
        throw new LightyearAbortedError(`${spec.method} ${spec.path} was aborted`);
      }
      throw err;
    } finally {
      call.dispose();
    }
  }

  /** `waitFor`, cancelled also by the client's own signal and timed by the client's clock. */
  async waitFor<T>(options: WaitForOptions<T>): Promise<T> {
    const wait = linkSignals([this.#signal, options.signal]);
    try {
      return await waitFor({ ...options, signal: wait.signal, clock: options.clock ?? this.#clock });
    } finally {
      wait.dispose();
    }
  }

  /** `retryWhileBusy`, cancelled also by the client's own signal and timed by the client's clock. */
  async retryWhileBusy<T>(
    call: (signal: AbortSignal | undefined) => Promise<T>,
    options: RetryWhileBusyOptions,
  ): Promise<T> {
    const wait = linkSignals([this.#signal, options.signal]);
    try {
      return await retryWhileBusy(call, {
        ...options,
        signal: wait.signal,
        clock: options.clock ?? this.#clock,
      });
    } finally {
      wait.dispose();
    }
  }

  /** Closes the connections; calls after this fail. Closing twice is harmless. */
  async close(): Promise<void> {
    if (!this.#dispatcher.closed && !this.#dispatcher.destroyed) await this.#dispatcher.close();
  }

  [inspect.custom](): string {
    return `LightyearClient { endpoint: ${JSON.stringify(this.endpoint)} }`;
  }

  toJSON(): { endpoint: string } {
    return { endpoint: this.endpoint };
  }
}
