/**
 * The client against the local cloud's real rate limiter: several clients sharing one key (as Terraform's
 * successive provider processes do, each with a full bucket of its own) stay inside the server's window,
 * because each learns the key's budget from the answers' X-RateLimit-* headers. A fresh client cannot know
 * what its predecessor left: it sends one request alone to learn it, so at most that one meets a 429 (and
 * is retried after Retry-After) — never its whole first burst.
 * Time is the cloud's clock, moved forward whenever the client sleeps, so a minute's window costs no minute.
 */
import { LightyearClient } from '../../src/client';
import type { Clock } from '../../src/client/clock';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

const LIMIT = 20;

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud({ rateLimitPerMinute: LIMIT });
});
afterEach(() => cloud.close());

/** The cloud's own clock as the client's: sleeping moves it forward at once. */
function sharedClock(): Clock {
  return {
    now: () => cloud.clock.nowMs(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      cloud.clock.advance(Math.max(0, Math.ceil(ms)));
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

async function loggedStatuses(): Promise<number[]> {
  // Control requests count against the key too: read the log in a window of its own.
  cloud.clock.advance(60_000);
  const res = await fetch(`${cloud.origin}/_local/requests?path=/v1/regions`, {
    headers: { authorization: `Bearer ${cloud.apiKey}` },
  });
  const body = (await res.json()) as { requests: { status: number }[] };
  return body.requests.map((r) => r.status);
}

it('keeps clients of one key, started one after another mid-window, under the server window: no 429', async () => {
  const clients = Array.from(
    { length: 3 },
    () =>
      new LightyearClient({
        apiKey: cloud.apiKey,
        endpoint: cloud.url,
        // Each believes it may send ten times what the key is allowed: only the server's headers hold it back.
        requestsPerMinute: LIMIT * 10,
        log: (line) => process.env.DEBUG_RL && console.log(line),
        clock: sharedClock(),
      }),
  );
  const calls = (client: LightyearClient, n: number) =>
    Promise.all(Array.from({ length: n }, () => client.regions.list()));
  try {
    // Terraform's phases, each a fresh process with a full bucket, each starting where the last left the
    // key's budget: 15 of 20 used, then a burst of 10; 12 of the next window used, then another 10.
    const [first, second, third] = clients as [LightyearClient, LightyearClient, LightyearClient];
    await calls(first, 10);
    await calls(first, 5);
    await calls(second, 10);
    await calls(second, 7);
    await calls(third, 10);
    const statuses = await loggedStatuses();
    expect(statuses).toHaveLength(42);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
});
