import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the scripted server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** How the server answers one request. */
export type Step = (res: ServerResponse, req: IncomingMessage, body: string) => void;

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>/v1` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers the n-th request with the n-th step, and every request after the
 * script with `otherwise` (by default a 418 that no test expects, so an unplanned request fails the test).
 */
export async function startScriptedServer(steps: Step[], otherwise?: Step): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const step = steps[index] ?? otherwise ?? reply(418, { unscripted: `request ${index + 1}` });
      step(res, req, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Step {
  return (res) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = typeof body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(status, {
      'content-type': contentType,
      'x-request-id': `req_${status}x${Date.now()}`,
      ...headers,
    });
    res.end(text);
  };
}

/** The API's error envelope. */
export function apiError(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Step {
  return reply(
    status,
    { error: { code, message, details }, request_id: 'req_err1' },
    { 'x-request-id': 'req_err1', ...headers },
  );
}

/** Reads the whole request, then hangs up without a word: the "connection dropped mid-request" case. */
export const dropConnection: Step = (_res, req) => {
  req.socket.destroy();
};

/** Never answers (until the server closes). */
export const hang: Step = () => undefined;

export const SSH_KEY = {
  id: 'sshk_abc123',
  name: 'laptop',
  public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG6yHg1d8Zr2mQ5kT8nKqP3pYc1wJ0xV7sL4fE9hB2aD me@laptop',
  fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
  created_at: '2025-01-02T03:04:05Z',
};
