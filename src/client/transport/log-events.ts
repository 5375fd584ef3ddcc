import type { HttpMethod } from './types';

/** One attempt of a call ended, with an answer or without one. */
export interface AttemptLogEvent {
  readonly kind: 'attempt';
  readonly method: HttpMethod;
  readonly path: string;
  /** 1 for the first try of the call. */
  readonly attempt: number;
  readonly durationMs: number;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** `200`, `404`, or without an answer the error code and its reason: `connection_failed (timeout)`. */
  readonly outcome: string;
}

/** A failed attempt is tried again after `delayMs`, or not, because the call's deadline would pass first. */
export interface RetryLogEvent {
  readonly kind: 'retry';
  readonly method: HttpMethod;
  readonly path: string;
  /** The attempt that failed. */
  readonly attempt: number;
  readonly maxRetries: number;
  /** Why the attempt failed: `HTTP 503`, `ECONNRESET`, `timeout`. */
  readonly reason: string;
  readonly delayMs: number;
  /** `deadline`: the wait would end after the call's deadline, so the failure is returned instead. */
  readonly declined: 'deadline' | undefined;
}

/**
 * What went over the wire in one attempt, for tracing. Bodies are redacted before the event is built (the
 * API key, `secret` fields, anything shaped like a LightYear key) and cut to a readable length.
 */
export interface BodiesLogEvent {
  readonly kind: 'bodies';
  readonly method: HttpMethod;
  readonly path: string;
  readonly attempt: number;
  readonly status: number;
  readonly requestId: string | undefined;
  /** Absent for requests without a body (GET, DELETE). */
  readonly requestBody: string | undefined;
  readonly responseBody: string;
}

export type ClientLogEvent = AttemptLogEvent | RetryLogEvent | BodiesLogEvent;

/**
 * The `log` option's one-line form. Bodies have none: the line log promises never to carry them, so it stays
 * safe to paste into a ticket.
 */
export function formatLogEvent(event: ClientLogEvent): string | undefined {
  const head = `${event.method} ${event.path}`;
  switch (event.kind) {
    case 'attempt': {
      const requestId = event.requestId === undefined ? '' : ` (${event.requestId})`;
      const attempt = event.attempt > 1 ? `, attempt ${event.attempt}` : '';
      return `${head} -> ${event.outcome} in ${Math.round(event.durationMs)} ms${requestId}${attempt}`;
    }
    case 'retry':
      return event.declined === 'deadline'
        ? `${head}: ${event.reason}, not retried: waiting ${Math.round(event.delayMs)} ms would pass the call's deadline`
        : `${head}: ${event.reason}, retry ${event.attempt}/${event.maxRetries} in ${Math.round(event.delayMs)} ms`;
    case 'bodies':
      return undefined;
  }
}
