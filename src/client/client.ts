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
import { SshKeys } from './resources/ssh-keys';
import { buildHandlerChain } from './transport/chain';
import type { ApiRequest, Handler } from './transport/types';
import { undiciTransport } from './transport/undici-transport';
import type { WaitForOptions } from './wait-for';
import { waitFor } from './wait-for';

/**
 * The one way the provider, lyctl and the tests talk to the LightYear API.
 *
 * ```ts
 * const client = new LightyearClient({ apiKey, endpoint: cloud.url });
 * const key = await client.sshKeys.create({ name: 'laptop', public_key: '...' });
 * for await (const each of client.sshKeys.iterate()) console.log(each.id);
 * await client.close();
 * ```
 */
export class LightyearClient implements ApiRequester {
  /** The API base every path is relative to, e.g. `https://api.lightyear.host/v1`. */
  readonly endpoint: string;
  readonly sshKeys: SshKeys;

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
    this.#signal = resolved.signal;
    this.#userAgent = resolved.userAgent;
    this.#clock = resolved.clock;
    this.#dispatcher = new Agent(resolved.ca === undefined ? {} : { connect: { ca: resolved.ca } });
    const transport = undiciTransport({
      endpoint: resolved.endpoint,
      dispatcher: this.#dispatcher,
      timeoutMs: resolved.timeoutMs,
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
    this.sshKeys = new SshKeys(this);
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
