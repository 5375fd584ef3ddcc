import type { z } from 'zod';
import type { HttpMethod, QueryValue } from './transport/types';

/** One API call as a resource file describes it. */
export interface RequestSpec<T> {
  method: HttpMethod;
  /** Relative to the endpoint, ids already encoded (use `pathSegment`): `/ssh-keys/sshk_1`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** What a successful answer must look like; omit when the API answers 204 without a body. */
  response?: z.ZodType<T>;
  /**
   * POST only. By default every POST carries a fresh `Idempotency-Key`, reused on each retry of the call, so a
   * retried create never creates twice. Pass a key to make a call repeatable across processes, or `false` to
   * send none (the call is then not retried after an answer that may mean it was carried out).
   */
  idempotencyKey?: string | false;
}

/** Per-call options every operation accepts. */
export interface CallOptions {
  /** Cancels this call (the client's own `signal` cancels every call). */
  signal?: AbortSignal;
}

/** What resource files need from the client: the ability to make one typed call. */
export interface ApiRequester {
  request<T = void>(spec: RequestSpec<T>, options?: CallOptions): Promise<T>;
}
