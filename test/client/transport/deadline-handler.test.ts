import { LightyearClient } from '../../../src/client/client';
import type { LightyearClientOptions } from '../../../src/client/options';
import type { ClientLogEvent } from '../../../src/client/transport/log-events';
import type { ScriptedServer, Step } from '../helpers/scripted-server';
import { SSH_KEY, apiError, hang, reply, startScriptedServer } from '../helpers/scripted-server';

let server: ScriptedServer;
let client: LightyearClient;
let events: ClientLogEvent[];

async function setUp(steps: Step[], options: Partial<LightyearClientOptions> = {}) {
  server = await startScriptedServer(steps);
  events = [];
  client = new LightyearClient({
    apiKey: 'ly_test_key',
    endpoint: server.url,
    requestsPerMinute: Infinity,
    retryBaseDelayMs: 10,
    onLogEvent: (event) => events.push(event),
    ...options,
  });
}

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('the deadline of one call', () => {
  it('ends a call to a server that accepts and never answers, naming the endpoint', async () => {
    await setUp([hang, hang], { timeoutMs: 30_000, deadlineMs: 400 });
    const started = Date.now();
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    const took = Date.now() - started;
    expect(failure).toMatchObject({ code: 'connection_failed', reason: 'deadline', transient: false });
    expect((failure as Error).message).toBe(
      `no answer from ${server.url} within 400 ms, the deadline for one API call`,
    );
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(2_000);
  });

  it('counts every attempt against it: short attempts are retried until it passes', async () => {
    await setUp([hang, hang, hang, hang, hang], { timeoutMs: 150, deadlineMs: 500, maxRetries: 10 });
    const started = Date.now();
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(Date.now() - started).toBeLessThan(1_500);
    // Either the deadline cut an attempt short, or the retry handler saw that the next wait would pass it
    // and returned the last attempt's timeout: both name the endpoint and the attempts made.
    expect(failure).toMatchObject({
      code: 'connection_failed',
      reason: expect.stringMatching(/^(deadline|timeout)$/),
    });
    expect((failure as Error).message).toContain(server.url);
    expect((failure as Error).message).toMatch(/\(gave up after \d+ attempts\)$/);
    expect((failure as { attempts: number }).attempts).toBeGreaterThanOrEqual(2);
    const retries = events.filter((event) => event.kind === 'retry');
    expect(retries[0]).toMatchObject({ reason: 'timeout', attempt: 1, declined: undefined });
  });

  it('does not start a Retry-After wait that would end past it: the answer in hand is returned', async () => {
    await setUp([apiError(503, 'service_unavailable', 'busy', undefined, { 'retry-after': '5' })], {
      deadlineMs: 1_000,
    });
    const started = Date.now();
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(Date.now() - started).toBeLessThan(900);
    expect(failure).toMatchObject({ code: 'service_unavailable', status: 503 });
    expect(events.find((event) => event.kind === 'retry')).toMatchObject({
      reason: 'HTTP 503',
      declined: 'deadline',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('leaves a call that finishes in time alone', async () => {
    await setUp([apiError(503, 'service_unavailable', 'busy'), reply(200, { ssh_key: SSH_KEY })], {
      deadlineMs: 5_000,
    });
    await expect(client.sshKeys.get(SSH_KEY.id)).resolves.toEqual(SSH_KEY);
  });

  it('is still an abort when the caller cancels first', async () => {
    await setUp([hang], { deadlineMs: 5_000 });
    const controller = new AbortController();
    const call = client.sshKeys.get(SSH_KEY.id, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toMatchObject({ code: 'aborted' });
  });

  it('is refused when it is not a positive number', () => {
    expect(() => new LightyearClient({ apiKey: 'ly_x', deadlineMs: 0 })).toThrow(
      /deadlineMs must be a positive number/,
    );
  });
});
