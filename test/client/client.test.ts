import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import { LightyearClient } from '../../src/client/client';
import { LightyearAbortedError, LightyearConfigError } from '../../src/client/errors';
import { CLIENT_USER_AGENT } from '../../src/client/options';
import type { ScriptedServer, Step } from './helpers/scripted-server';
import {
  SSH_KEY,
  apiError,
  dropConnection,
  hang,
  reply,
  startScriptedServer,
} from './helpers/scripted-server';

const API_KEY = 'ly_live_Zq8vN3xK7pR2mW5tY9bC';

let server: ScriptedServer;
let client: LightyearClient;
let logLines: string[];

async function setUp(steps: Step[], options: { signal?: AbortSignal; timeoutMs?: number } = {}) {
  server = await startScriptedServer(steps);
  logLines = [];
  client = new LightyearClient({
    apiKey: API_KEY,
    endpoint: server.url,
    retryBaseDelayMs: 5,
    maxRetries: 2,
    userAgent: 'lyctl/0.1.0',
    log: (line) => logLines.push(line),
    ...options,
  });
}

afterEach(async () => {
  await client?.close();
  await server?.close();
});

describe('LightyearClient', () => {
  it('sends the Bearer key, JSON headers and its user agent', async () => {
    await setUp([reply(201, { ssh_key: SSH_KEY })]);
    await client.sshKeys.create({ name: 'laptop', public_key: SSH_KEY.public_key });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/ssh-keys' });
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${API_KEY}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': `lyctl/0.1.0 ${CLIENT_USER_AGENT}`,
    });
    expect(JSON.parse(request!.body)).toEqual({ name: 'laptop', public_key: SSH_KEY.public_key });
  });

  it('refuses plain http to a non-loopback host before sending anything', () => {
    expect(() => new LightyearClient({ apiKey: API_KEY, endpoint: 'http://api.lightyear.host/v1' })).toThrow(
      LightyearConfigError,
    );
  });

  it('refuses an empty API key', () => {
    expect(() => new LightyearClient({ apiKey: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });

  it('shows only its endpoint to inspect() and JSON.stringify', async () => {
    await setUp([]);
    expect(inspect(client, { showHidden: true, depth: 10 })).toBe(
      `LightyearClient { endpoint: "${server.url}" }`,
    );
    expect(JSON.stringify(client)).toBe(`{"endpoint":"${server.url}"}`);
    expect(inspect(client.sshKeys, { showHidden: true, depth: 10 })).not.toContain(API_KEY);
  });

  it('keeps the API key out of error messages, inspect() of errors and log lines, even when the server echoes it', async () => {
    const echo: Step = (res, req) =>
      apiError(401, 'authentication_failed', `unknown key ${req.headers.authorization ?? ''}`, {
        field: `header ${req.headers.authorization ?? ''}`,
        reason: req.headers.authorization ?? '',
        nested: { seen: [req.headers.authorization] },
      })(res, req, '');
    const echoBadly: Step = (res, req) =>
      reply(502, `${'.'.repeat(60)} ${req.headers.authorization ?? ''}`)(res, req, '');
    await setUp([echo, echoBadly, echoBadly, echoBadly, dropConnection, dropConnection, dropConnection]);
    const failures = [
      await client.sshKeys.get('sshk_a').catch((err: unknown) => err),
      await client.sshKeys.get('sshk_b').catch((err: unknown) => err),
      await client.sshKeys.get('sshk_c').catch((err: unknown) => err),
    ];
    expect(failures.map((failure) => (failure as { code: string }).code)).toEqual([
      'authentication_failed',
      'invalid_response',
      'connection_failed',
    ]);
    expect((failures[0] as Error).message).toContain('unknown key Bearer [redacted]');
    // The snippet of the proxy page is cut at 80 characters, inside the key: no fragment of it may remain.
    expect((failures[1] as Error).message).toContain('Bearer [redacted]');
    expect((failures[1] as Error).message).not.toContain(API_KEY.slice(0, 10));
    for (const failure of failures) {
      expect(inspect(failure, { showHidden: true, depth: 10 })).not.toContain(API_KEY);
      expect(JSON.stringify(failure)).not.toContain(API_KEY);
    }
    expect(logLines.length).toBeGreaterThan(5);
    expect(logLines.join('\n')).not.toContain(API_KEY);
    expect(server.requests.every((request) => request.headers.authorization === `Bearer ${API_KEY}`)).toBe(
      true,
    );
  });

  it('reports request ids in log lines and on errors', async () => {
    await setUp([
      reply(200, { ssh_key: SSH_KEY }, { 'x-request-id': 'req_ok1' }),
      apiError(404, 'not_found', 'gone'),
    ]);
    await client.sshKeys.get(SSH_KEY.id);
    await expect(client.sshKeys.get(SSH_KEY.id)).rejects.toMatchObject({ requestId: 'req_err1' });
    expect(logLines[0]).toMatch(/^GET \/ssh-keys\/sshk_abc123 -> 200 in \d+ ms \(req_ok1\)$/);
    expect(logLines[1]).toMatch(/^GET \/ssh-keys\/sshk_abc123 -> 404 in \d+ ms \(req_err1\)$/);
  });

  it('aborts in-flight and future calls when the client signal fires', async () => {
    const controller = new AbortController();
    await setUp([hang], { signal: controller.signal });
    const started = Date.now();
    const inFlight = client.sshKeys.get(SSH_KEY.id);
    setTimeout(() => controller.abort(), 100);
    await expect(inFlight).rejects.toBeInstanceOf(LightyearAbortedError);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(client.sshKeys.list()).rejects.toMatchObject({
      code: 'aborted',
      message: 'GET /ssh-keys was aborted',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('leaves no listener on the client signal once calls are over, however they ended', async () => {
    const controller = new AbortController();
    await setUp([reply(200, { ssh_key: SSH_KEY }), apiError(404, 'not_found', 'gone'), dropConnection], {
      signal: controller.signal,
    });
    await client.sshKeys.get(SSH_KEY.id);
    await client.sshKeys.get(SSH_KEY.id, { signal: new AbortController().signal }).catch(() => undefined);
    await client.sshKeys.delete(SSH_KEY.id).catch(() => undefined);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('stops a waitFor when the client signal fires', async () => {
    const controller = new AbortController();
    await setUp([], { signal: controller.signal });
    const waiting = client.waitFor({
      poll: () => Promise.resolve('pending'),
      until: () => false,
      description: 'never',
      intervalMs: 10_000,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
  });

  it('times out a stalled attempt, retries it, then reports the timeout', async () => {
    await setUp([hang, hang, hang], { timeoutMs: 150 });
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'connection_failed', reason: 'timeout', attempts: 3 });
    expect((failure as Error).message).toBe(
      `no complete answer from ${server.url} within 150 ms (gave up after 3 attempts)`,
    );
  });

  it('reports a refused connection after retrying it', async () => {
    await setUp([]);
    const deadUrl = server.url;
    await server.close();
    const dead = new LightyearClient({
      apiKey: API_KEY,
      endpoint: deadUrl,
      retryBaseDelayMs: 5,
      maxRetries: 1,
    });
    const failure = await dead.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    await dead.close();
    expect(failure).toMatchObject({ code: 'connection_failed', reason: 'ECONNREFUSED', attempts: 2 });
    expect((failure as Error).message).toBe(
      `could not reach ${deadUrl}: connection refused (ECONNREFUSED) (gave up after 2 attempts)`,
    );
  });

  it('refuses an empty id instead of addressing the whole list', async () => {
    await setUp([]);
    await expect(client.sshKeys.delete('')).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(server.requests).toHaveLength(0);
  });

  it('encodes ids as a single path segment', async () => {
    await setUp([apiError(404, 'not_found', 'gone')]);
    await expect(client.sshKeys.get('../instances')).rejects.toMatchObject({ code: 'not_found' });
    expect(server.requests[0]!.url).toBe('/v1/ssh-keys/..%2Finstances');
  });

  it('can be closed twice', async () => {
    await setUp([]);
    await client.close();
    await expect(client.close()).resolves.toBeUndefined();
  });
});
