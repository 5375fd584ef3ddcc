import { LightyearClient } from '../../../src/client/client';
import { LightyearApiError, LightyearConnectionError } from '../../../src/client/errors';
import type { LightyearClientOptions } from '../../../src/client/options';
import { sshKeyResponseSchema } from '../../../src/api';
import type { ScriptedServer, Step } from '../helpers/scripted-server';
import { SSH_KEY, apiError, dropConnection, reply, startScriptedServer } from '../helpers/scripted-server';

// Retries go through the whole client against a real server, so what is tested is what the wire sees.
let server: ScriptedServer;
let client: LightyearClient;

async function setUp(steps: Step[], options: Partial<LightyearClientOptions> = {}) {
  server = await startScriptedServer(steps);
  client = new LightyearClient({
    apiKey: 'ly_test_key',
    endpoint: server.url,
    requestsPerMinute: Infinity,
    retryBaseDelayMs: 10,
    maxRetries: 3,
    ...options,
  });
}

afterEach(async () => {
  await client.close();
  await server.close();
});

const ok = reply(200, { ssh_key: SSH_KEY });
const created = reply(201, { ssh_key: SSH_KEY });
const createKey = () => client.sshKeys.create({ name: 'laptop', public_key: SSH_KEY.public_key });

describe('retrying', () => {
  it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
    await setUp([apiError(429, 'rate_limit_exceeded', 'slow down', undefined, { 'retry-after': '1' }), ok]);
    const started = Date.now();
    await expect(client.sshKeys.get(SSH_KEY.id)).resolves.toEqual(SSH_KEY);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    // The backoff of 10 ms would have retried at once: the wait really came from the header (+ ≤10 % jitter).
    expect(Date.now() - started).toBeLessThan(1600);
  });

  it('honours Retry-After given as an HTTP-date', async () => {
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    await setUp([
      apiError(503, 'service_unavailable', 'busy', undefined, { 'retry-after': at.toUTCString() }),
      ok,
    ]);
    await client.sshKeys.get(SSH_KEY.id);
    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(at.getTime() - 5);
  });

  it('retries a 503 with backoff and returns the eventual answer', async () => {
    await setUp([
      apiError(503, 'service_unavailable', 'busy'),
      apiError(503, 'service_unavailable', 'busy'),
      ok,
    ]);
    await expect(client.sshKeys.get(SSH_KEY.id)).resolves.toEqual(SSH_KEY);
    expect(server.requests).toHaveLength(3);
  });

  it('retries when the connection drops mid-request, and the retried create keeps its Idempotency-Key', async () => {
    await setUp([dropConnection, reply(502, '<html>Bad Gateway</html>'), created]);
    await expect(createKey()).resolves.toEqual(SSH_KEY);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(server.requests.map((request) => request.body)).size).toBe(1);
  });

  it('gives each logical create its own Idempotency-Key', async () => {
    await setUp([created, created]);
    await createKey();
    await createKey();
    expect(server.requests[0]!.headers['idempotency-key']).not.toBe(
      server.requests[1]!.headers['idempotency-key'],
    );
  });

  it('retries a 500 for a POST carrying an Idempotency-Key', async () => {
    await setUp([apiError(500, 'server_error', 'oops'), created]);
    await expect(createKey()).resolves.toEqual(SSH_KEY);
  });

  it('does not retry a 500 for a POST sent without an Idempotency-Key', async () => {
    await setUp([apiError(500, 'server_error', 'oops'), created]);
    const attempt = client.request({
      method: 'POST',
      path: '/ssh-keys',
      body: { name: 'x', public_key: 'y' },
      response: sshKeyResponseSchema,
      idempotencyKey: false,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'server_error', status: 500 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('does not retry a client error', async () => {
    await setUp([apiError(404, 'not_found', 'no such ssh key'), ok]);
    await expect(client.sshKeys.get(SSH_KEY.id)).rejects.toBeInstanceOf(LightyearApiError);
    expect(server.requests).toHaveLength(1);
  });

  it('throws the last API error once retries are exhausted', async () => {
    const busy = apiError(503, 'service_unavailable', 'down for maintenance');
    await setUp([busy, busy, busy, busy, ok], { maxRetries: 3 });
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearApiError);
    expect(failure).toMatchObject({ code: 'service_unavailable', status: 503, requestId: 'req_err1' });
    expect(server.requests).toHaveLength(4);
  });

  it('throws a typed connection error naming the attempts once the connection keeps dropping', async () => {
    await setUp([dropConnection, dropConnection, dropConnection], { maxRetries: 2 });
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearConnectionError);
    expect(failure).toMatchObject({ code: 'connection_failed', attempts: 3, reason: 'UND_ERR_SOCKET' });
    expect((failure as Error).message).toBe(
      `could not reach ${server.url}: connection closed by the server (UND_ERR_SOCKET) (gave up after 3 attempts)`,
    );
  });

  it('gives up at once when the server asks for a longer wait than maxRetryDelayMs', async () => {
    await setUp([apiError(429, 'rate_limit_exceeded', 'slow down', undefined, { 'retry-after': '120' }), ok]);
    await expect(client.sshKeys.get(SSH_KEY.id)).rejects.toMatchObject({
      code: 'rate_limit_exceeded',
      retryAfterMs: 120_000,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('stops a backoff wait as soon as the call is aborted', async () => {
    await setUp([apiError(429, 'rate_limit_exceeded', 'slow down', undefined, { 'retry-after': '30' }), ok]);
    const controller = new AbortController();
    const started = Date.now();
    const call = client.sshKeys.get(SSH_KEY.id, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(call).rejects.toMatchObject({
      code: 'aborted',
      message: `GET /ssh-keys/${SSH_KEY.id} was aborted`,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('logs each retry decision with the reason and the wait', async () => {
    const lines: string[] = [];
    await setUp([apiError(503, 'service_unavailable', 'busy'), ok], { log: (line) => lines.push(line) });
    await client.sshKeys.get(SSH_KEY.id);
    expect(lines[0]).toMatch(/^GET \/ssh-keys\/sshk_abc123 -> 503 in \d+ ms \(req_err1\)$/);
    expect(lines[1]).toMatch(/^GET \/ssh-keys\/sshk_abc123: HTTP 503, retry 1\/3 in \d+ ms$/);
    expect(lines[2]).toMatch(/^GET \/ssh-keys\/sshk_abc123 -> 200 in \d+ ms \(req_200x\d+\), attempt 2$/);
  });
});
