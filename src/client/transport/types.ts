import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

/** One logical API call as it travels down the handler chain. Retries resend the same object. */
export interface ApiRequest {
  method: HttpMethod;
  /** Relative to the endpoint's base path, already encoded: `/ssh-keys/sshk_1`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** Serialized as JSON. */
  body?: unknown;
  /** Request headers, lower-case names. Handlers add to them (auth, idempotency key). */
  headers: Record<string, string>;
  /** What a successful answer must look like; `undefined` means no body is expected (204). */
  responseSchema: z.ZodType | undefined;
  /** Fires when the caller (or the client as a whole) gives up; aborts sleeps and the socket. */
  signal: AbortSignal;
  /** 1 for the first attempt; set by the retry handler so log lines can say which attempt they describe. */
  attempt: number;
  /**
   * When the whole call must be over (the client clock's time, ms), set by the deadline handler. The retry
   * handler does not start a wait that would end past it.
   */
  deadline?: number;
}

/** What the wire returned, before the body is interpreted. */
export interface RawResponse {
  status: number;
  /** Lower-case names; a repeated header keeps its first value. */
  headers: Readonly<Record<string, string>>;
  text: string;
}

/** A successful, validated answer. */
export interface ApiResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  requestId: string | undefined;
  /** The body parsed and validated against `responseSchema`; `undefined` when none was expected. */
  data: unknown;
}

/** Sends one request over the wire. Throws `LightyearConnectionError`/`LightyearAbortedError`, never for a status. */
export type Transport = (request: ApiRequest) => Promise<RawResponse>;

/** Turns a request into a validated response, or throws a typed `LightyearError`. */
export type Handler = (request: ApiRequest) => Promise<ApiResponse>;

/** One link of the chain: given the rest of the chain, handle a request (usually by calling `next`). */
export type HandlerWrapper = (next: Handler) => Handler;
