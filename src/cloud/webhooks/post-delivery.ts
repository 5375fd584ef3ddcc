import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { literalAddress, portOf, targetAddressProblem, type WebhookTargetPolicy } from './target-policy';

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
  /** Where deliveries may go; checked against every address the host resolves to. */
  readonly policy: WebhookTargetPolicy;
}

/**
 * The errors an attempt records, in coarse classes: the attempt log is readable by any `webhooks:read`
 * key, and distinct texts (refused, reset, unresolvable, unreachable) would map which hosts and ports
 * answer from inside the cloud's network.
 */
export const DELIVERY_ERRORS = {
  notAllowed: 'the target address is not allowed for webhooks',
  connectionFailed: 'the connection to the receiver failed',
  stopped: 'the cloud stopped before the receiver answered',
  timedOut: (ms: number) => `no complete answer within ${ms} ms`,
  status: (status: number) => `the receiver answered HTTP ${status}`,
} as const;

/**
 * The address to connect to: the host is resolved (every address it has) and each is checked, so a name
 * that resolves to a refused address among others is refused, and the connection goes to the address that
 * was checked rather than to a second resolution a rebinding name could answer differently.
 */
async function checkedAddress(
  url: URL,
  policy: WebhookTargetPolicy,
): Promise<{ address: string; family: number } | string> {
  const literal = literalAddress(url);
  let addresses: { address: string; family: number }[];
  if (literal !== undefined) {
    addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(url.hostname, { all: true, verbatim: true });
    } catch {
      return DELIVERY_ERRORS.connectionFailed;
    }
  }
  const port = portOf(url);
  const first = addresses[0];
  if (first === undefined) return DELIVERY_ERRORS.connectionFailed;
  if (addresses.some(({ address }) => targetAddressProblem(address, port, policy) !== undefined)) {
    return DELIVERY_ERRORS.notAllowed;
  }
  return first;
}

/**
 * POSTs one delivery and waits for the whole answer, whose body is read and dropped. A fresh connection
 * each time (no agent): nothing outlives the attempt, and a receiver's broken keep-alive socket cannot
 * fail the next one. Redirects are not followed: a 3xx is a failed attempt, as with other clouds.
 * Never rejects; every failure becomes an outcome whose error names the cause but not the secret.
 */
export async function postDelivery(request: PostDeliveryRequest): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  const target = await checkedAddress(url, request.policy);
  if (typeof target === 'string') return { statusCode: null, error: target };
  if (request.signal.aborted) return { statusCode: null, error: DELIVERY_ERRORS.stopped };
  // Node asks with { all: true } when it may try several families; both answer the checked address only.
  const pinned = ((_hostname, options, callback) => {
    if (options.all === true) callback(null, [target]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: AttemptOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(request.body, 'utf8');
    const req = send(url, {
      method: 'POST',
      agent: false,
      lookup: pinned,
      headers: { ...request.headers, 'Content-Length': String(payload.length) },
    });
    const fail = (error: string): void => {
      settle({ statusCode: null, error });
      req.destroy();
    };
    const timer = setTimeout(() => fail(DELIVERY_ERRORS.timedOut(request.timeoutMs)), request.timeoutMs);
    const onAbort = (): void => fail(DELIVERY_ERRORS.stopped);
    request.signal.addEventListener('abort', onAbort);
    if (request.signal.aborted) onAbort();

    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.on('error', () => fail(DELIVERY_ERRORS.connectionFailed));
      res.on('end', () =>
        settle({
          statusCode: status,
          error: status >= 200 && status < 300 ? null : DELIVERY_ERRORS.status(status),
        }),
      );
      res.resume();
    });
    req.on('error', () => fail(DELIVERY_ERRORS.connectionFailed));
    req.end(payload);
  });
}
