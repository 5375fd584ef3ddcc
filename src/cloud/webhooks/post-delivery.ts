import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What one attempt achieved: the receiver's status, and why it failed (null for a 2xx). */
export interface AttemptOutcome {
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface PostDeliveryRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Aborts the attempt (the cloud is closing); the outcome then says so and must not be recorded. */
  readonly signal: AbortSignal;
}

/**
 * POSTs one delivery and waits for the whole answer, whose body is read and dropped. A fresh connection
 * each time (no agent): nothing outlives the attempt, and a receiver's broken keep-alive socket cannot
 * fail the next one. Redirects are not followed: a 3xx is a failed attempt, as with other clouds.
 * Never rejects; every failure becomes an outcome whose error names the cause but not the secret.
 */
export function postDelivery(request: PostDeliveryRequest): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: AttemptOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(request.body, 'utf8');
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: { ...request.headers, 'Content-Length': String(payload.length) },
    });
    const fail = (error: string): void => {
      settle({ statusCode: null, error });
      req.destroy();
    };
    const timer = setTimeout(
      () => fail(`no complete answer within ${request.timeoutMs} ms`),
      request.timeoutMs,
    );
    const onAbort = (): void => fail('the cloud stopped before the receiver answered');
    request.signal.addEventListener('abort', onAbort);
    if (request.signal.aborted) onAbort();

    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.on('error', () => fail('the connection broke while reading the answer'));
      res.on('end', () =>
        settle({
          statusCode: status,
          error: status >= 200 && status < 300 ? null : `the receiver answered HTTP ${status}`,
        }),
      );
      res.resume();
    });
    req.on('error', (error: NodeJS.ErrnoException) => fail(describeNetworkError(error)));
    req.end(payload);
  });
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the receiver';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name did not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    default:
      return error.code === undefined ? 'the request failed' : `the request failed (${error.code})`;
  }
}
