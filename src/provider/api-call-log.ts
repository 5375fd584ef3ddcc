import type { ClientLogEvent } from '../client';
import type { ApiCallOrigin } from './api-call-origin';
import type { LogFields, Logger } from './protocol/logger';

/**
 * The client's log events as the provider's hclog lines, so `TF_LOG=debug` shows one line per API call:
 * method, path, status, request id, duration, attempt, and what the call was for. Retries are warnings
 * (something is wrong with the endpoint, and a run may be slow because of it); bodies, already redacted by the
 * client, are trace.
 */
export function logApiEvent(logger: Logger, event: ClientLogEvent, origin: ApiCallOrigin | undefined): void {
  const fields: LogFields = {
    http_method: event.method,
    http_path: event.path,
    attempt: event.attempt,
    tf_operation: origin?.operation,
    tf_resource_type: origin?.resourceType,
    tf_resource_id: origin?.resourceId,
    tf_resource_name: origin?.resourceName,
  };
  const head = `${event.method} ${event.path}`;
  switch (event.kind) {
    case 'attempt':
      logger.debug(`API call ${head} -> ${event.outcome}`, {
        ...fields,
        http_status: event.status,
        outcome: event.outcome,
        request_id: event.requestId,
        duration_ms: Math.round(event.durationMs),
      });
      return;
    case 'retry':
      logger.warn(
        event.declined === 'deadline'
          ? `API call ${head} failed (${event.reason}); not retried, the wait would pass request_timeout`
          : `API call ${head} failed (${event.reason}); retry ${event.attempt}/${event.maxRetries} in ${Math.round(event.delayMs)} ms`,
        { ...fields, reason: event.reason, delay_ms: Math.round(event.delayMs) },
      );
      return;
    case 'bodies':
      logger.trace(`API call ${head} bodies`, {
        ...fields,
        http_status: event.status,
        request_id: event.requestId,
        request_body: event.requestBody,
        response_body: event.responseBody,
      });
      return;
  }
}
