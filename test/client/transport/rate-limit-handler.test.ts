import { LightyearClient } from '../../../src/client/client';
import type { ScriptedServer, Step } from '../helpers/scripted-server';
import { SSH_KEY, apiError, reply, startScriptedServer } from '../helpers/scripted-server';

let server: ScriptedServer;
let client: LightyearClient;
let logLines: string[];

async function setUp(steps: Step[], requestsPerMinute: number, otherwise?: Step) {
  server = await startScriptedServer(steps, otherwise);
  logLines = [];
  client = new LightyearClient({
    log: (line) => logLines.push(line),
    apiKey: 'ly_test_key',
    endpoint: server.url,
    requestsPerMinute,
    // One second's worth, so pacing shows within a test's time.
    rateLimitBurst: requestsPerMinute / 60,
    retryBaseDelayMs: 5,
  });
}

afterEach(async () => {
  await client.close();
  await server.close();
});

const ok = reply(200, { ssh_key: SSH_KEY });

describe('client-side rate limiting', () => {
  it('lets a burst of one second of requests through, then paces the rest at the configured rate', async () => {
    // 1200/min: a bucket of 20, refilled at 20/s. 40 concurrent calls: 20 at once, 20 more over ~1 s.
    await setUp([], 1200, ok);
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => client.sshKeys.get(SSH_KEY.id)));
    const elapsed = Date.now() - started;
    const arrivals = server.requests.map((request) => request.at - started).sort((a, b) => a - b);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2000);
    // The 21st call may go 50 ms in, the 22nd 100 ms in, ...: each paced call arrives no earlier than its slot.
    for (let paced = 1; paced <= 20; paced++) {
      expect(arrivals[19 + paced]).toBeGreaterThanOrEqual(paced * 50 - 5);
    }
  });

  it('holds back every caller, not only the rate-limited one, when the server answers 429', async () => {
    const limited = apiError(429, 'rate_limit_exceeded', 'slow down', undefined, { 'retry-after': '1' });
    await setUp([limited], 6000, ok);
    const started = Date.now();
    const first = client.sshKeys.get(SSH_KEY.id);
    // Only once the client has seen the 429 (its log line comes just before the pause is set) do the others
    // start: a fixed sleep here raced a slow answer on a loaded machine.
    while (!logLines.some((line) => line.includes('-> 429')))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([first, client.sshKeys.get(SSH_KEY.id), client.sshKeys.get(SSH_KEY.id)]);
    const later = server.requests.slice(1).map((request) => request.at - started);
    expect(later).toHaveLength(3);
    expect(Math.min(...later)).toBeGreaterThanOrEqual(950);
  });

  it('pauses until the reset time when the server says the budget is spent', async () => {
    let resetSeconds = 0;
    const spent: Step = (res, req) => {
      resetSeconds = Math.ceil(Date.now() / 1000) + 1;
      const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) };
      reply(200, { ssh_key: SSH_KEY }, headers)(res, req, '');
    };
    await setUp([spent], 6000, ok);
    await client.sshKeys.get(SSH_KEY.id);
    await client.sshKeys.get(SSH_KEY.id);
    // Reset is whole seconds; allow for the server's and client's clocks reading the same instant differently.
    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(resetSeconds * 1000 - 20);
  });
});
