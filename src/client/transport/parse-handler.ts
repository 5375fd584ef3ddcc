import type { z } from 'zod';
import type { Clock } from '../clock';
import { errorEnvelopeReadSchema, fieldErrorDetailsSchema } from '../../api';
import { LightyearApiError, LightyearInvalidResponseError } from '../errors';
import type { Redactor } from '../redact';
import { redactDeep } from '../redact';
import { parseRetryAfter } from './retry-after';
import type { ApiRequest, Handler, RawResponse, Transport } from './types';

/**
 * Interprets what the wire returned: an error status becomes a typed error, a success body is parsed and
 * validated against the request's schema so nothing downstream ever sees an unchecked shape.
 */
export function parseHandler(
  transport: Transport,
  { redact, clock }: { redact: Redactor; clock: Clock },
): Handler {
  return async (request) => {
    const raw = await transport(request);
    const requestId = raw.headers['x-request-id'];
    if (raw.status >= 400) {
      throw errorFromResponse(request, raw, redact, parseRetryAfter(raw.headers['retry-after'], clock.now()));
    }
    const invalid = (problem: string, cause?: unknown) =>
      new LightyearInvalidResponseError(
        redact(
          `the answer to ${describe(request)} ${problem} (HTTP ${raw.status}${requestSuffix(requestId)})`,
        ),
        { status: raw.status, requestId, cause },
      );
    if (raw.status < 200 || raw.status >= 300) throw invalid('has an unexpected status');
    const base = { status: raw.status, headers: raw.headers, requestId };
    if (request.responseSchema === undefined) return { ...base, data: undefined };
    let json: unknown;
    try {
      json = JSON.parse(raw.text);
    } catch (err) {
      throw invalid(raw.text === '' ? 'has no body' : 'is not JSON', err);
    }
    const parsed = request.responseSchema.safeParse(json);
    if (!parsed.success) throw invalid(`does not match the API contract: ${summarizeIssues(parsed.error)}`);
    return { ...base, data: parsed.data };
  };
}

function errorFromResponse(
  request: ApiRequest,
  raw: RawResponse,
  redact: Redactor,
  retryAfterMs: number | undefined,
): Error {
  const headerRequestId = raw.headers['x-request-id'];
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch {
    json = undefined;
  }
  const envelope = errorEnvelopeReadSchema.safeParse(json);
  if (!envelope.success) {
    // Redact before cutting: a cut through the middle of a secret would leave a fragment the redactor misses.
    const snippet = redact(raw.text).trim().slice(0, 80);
    const body =
      snippet === '' ? 'an empty body' : `a body that is not a LightYear error: ${JSON.stringify(snippet)}`;
    return new LightyearInvalidResponseError(
      redact(
        `${describe(request)} failed with HTTP ${raw.status} and ${body}${requestSuffix(headerRequestId)}`,
      ),
      { status: raw.status, requestId: headerRequestId, retryAfterMs },
    );
  }
  const { error, request_id: requestId } = envelope.data;
  const fieldError = fieldErrorDetailsSchema.safeParse(error.details);
  return new LightyearApiError({
    code: error.code,
    message: redact(error.message),
    status: raw.status,
    requestId,
    retryAfterMs,
    details: error.details === undefined ? undefined : redactDeep(error.details, redact),
    field: fieldError.success ? redact(fieldError.data.field) : undefined,
    reason: fieldError.success ? redact(fieldError.data.reason) : undefined,
  });
}

function describe(request: ApiRequest): string {
  return `${request.method} ${request.path}`;
}

function requestSuffix(requestId: string | undefined): string {
  return requestId === undefined ? '' : `, request ${requestId}`;
}

function summarizeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > shown.length ? ` (and ${error.issues.length - shown.length} more)` : '';
  return shown.join('; ') + more;
}
