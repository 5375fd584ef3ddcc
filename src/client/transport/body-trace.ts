import type { Redactor } from '../redact';
import { redactBody } from './body-redaction';
import type { ClientLogEvent } from './log-events';
import type { Transport } from './types';

/**
 * Wraps the wire exchange to report what went over it: the request body and the raw answer, redacted. It sits
 * below parsing so that error answers and answers that fail validation are traced exactly as they came.
 */
export function bodyTraceTransport(
  transport: Transport,
  { emit, redact }: { emit: (event: ClientLogEvent) => void; redact: Redactor },
): Transport {
  return async (request) => {
    const raw = await transport(request);
    emit({
      kind: 'bodies',
      method: request.method,
      path: request.path,
      attempt: request.attempt,
      status: raw.status,
      requestId: raw.headers['x-request-id'],
      requestBody: request.body === undefined ? undefined : redactBody(request.body, redact),
      responseBody: redactBody(raw.text, redact),
    });
    return raw;
  };
}
