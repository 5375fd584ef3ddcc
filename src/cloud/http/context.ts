import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who is calling: the API key the request authenticated with. */
export interface Principal {
  readonly apiKeyId: string;
  readonly permissions: readonly string[];
  /**
   * The bearer secret the request presented. Held in memory for this request only, never stored: the
   * idempotency stage derives the key that seals a replayable answer from it.
   */
  readonly bearerSecret: string;
}

/** What a handler answers; the response stage writes it. `body` undefined means no body (204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The state one request carries through the pipeline; each stage fills in its part. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Parsed request target; the host part is a placeholder, only path and query are the client's. */
  readonly url: URL;
  readonly startedAt: bigint;
  requestId: string;
  principal?: Principal;
  /** The body's bytes when a stage before dispatch had to read them (idempotency); dispatch parses these. */
  rawBody?: Buffer;
  reply?: Reply;
  /** The fault the fault-injection stage applied to this request (`/_local/faults`), for the request log. */
  injectedFault?: 'status' | 'delay' | 'drop';
}
