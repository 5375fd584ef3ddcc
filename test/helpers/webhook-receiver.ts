/**
 * A webhook receiver as a user would write one: a node:http server on 127.0.0.1 that verifies each
 * delivery's signature over the raw body (HMAC-SHA256, compared in constant time) before trusting it.
 *
 *   const receiver = await startWebhookReceiver();
 *   receiver.answers.push(500, 500);          // the next two deliveries fail, later ones get 200
 *   ... create a webhook with receiver.url, then receiver.secret = created.secret
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly rawBody: Buffer;
  readonly headers: IncomingHttpHeaders;
  /** Whether X-LightYear-Signature matched the raw body under `secret` at the time. */
  readonly verified: boolean;
  readonly status: number;
}

export interface WebhookReceiver {
  readonly url: string;
  /** The webhook's secret, set once the webhook is created. */
  secret: string;
  /** Statuses to answer with, in order; once empty every request gets 200. `'hang'` never answers. */
  readonly answers: (number | 'hang')[];
  /** Every request, in arrival order. */
  readonly requests: ReceivedRequest[];
  /** Bodies of requests that verified and were answered 2xx: what the receiver's app processed. */
  readonly processed: () => unknown[];
  close(): Promise<void>;
}

/** The documented recipe: `sha256=` + hex HMAC-SHA256(secret, raw body), compared in constant time. */
export function verifySignature(
  secret: string,
  rawBody: Buffer,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(path = '/hooks/lightyear'): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const answers: (number | 'hang')[] = [];
  const receiver = {
    url: '',
    secret: '',
    answers,
    requests,
    processed: () =>
      requests
        .filter((r) => r.verified && r.status >= 200 && r.status < 300)
        .map((r) => JSON.parse(r.rawBody.toString('utf8')) as unknown),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const answer = answers.shift() ?? 200;
      const verified = verifySignature(receiver.secret, rawBody, req.headers['x-lightyear-signature']);
      if (answer === 'hang') {
        requests.push({ rawBody, headers: req.headers, verified, status: 0 });
        return;
      }
      // A receiver refuses what it cannot verify; it never processes it.
      const status = verified ? answer : 401;
      requests.push({ rawBody, headers: req.headers, verified, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const close = receiver.close;
  receiver.close = () => {
    server.closeAllConnections();
    return close();
  };
  return receiver;
}

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
