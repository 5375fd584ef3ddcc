import { createdApiKeyResponseSchema, errorEnvelopeSchema } from '../../../../src/api';
import { startLocalCloud } from '../../../../src/cloud';
import { CloudClock } from '../../../../src/cloud/clock';
import { isRateLimitOff } from '../../../../src/cloud/http/stages/rate-limit';
import { startTestCloud, type TestCloud, type TestResponse } from '../../../helpers/local-cloud';

/** A window start: a whole minute, as unix ms. */
const MINUTE_START = Date.UTC(2030, 0, 1, 12, 0, 0);

let nowMs: number;
let cloud: TestCloud;

async function start(rateLimitPerMinute: number): Promise<void> {
  nowMs = MINUTE_START + 10_000;
  // A clock that stands still unless the test moves it, so a window cannot roll over mid-test.
  cloud = await startTestCloud({ clock: new CloudClock(() => nowMs), rateLimitPerMinute });
}
afterEach(() => cloud.close());

function limits(res: TestResponse) {
  return {
    limit: res.headers.get('x-ratelimit-limit'),
    remaining: res.headers.get('x-ratelimit-remaining'),
    reset: res.headers.get('x-ratelimit-reset'),
  };
}

const windowEnd = String((MINUTE_START + 60_000) / 1000);

describe('rate limiting per API key', () => {
  it('counts down in the headers of every answer, errors included, then answers 429 with Retry-After', async () => {
    await start(3);
    expect(limits(await cloud.request('GET', '/ssh-keys'))).toEqual({
      limit: '3',
      remaining: '2',
      reset: windowEnd,
    });
    expect(limits(await cloud.request('GET', '/ssh-keys/sshk_missing'))).toEqual({
      limit: '3',
      remaining: '1',
      reset: windowEnd,
    });
    const last = await cloud.request('POST', '/ssh-keys', { body: {} });
    expect(last.status).toBe(400);
    expect(limits(last).remaining).toBe('0');

    const refused = await cloud.request('GET', '/ssh-keys');
    expect(refused.status).toBe(429);
    const envelope = errorEnvelopeSchema.parse(refused.body);
    expect(envelope.error.code).toBe('rate_limit_exceeded');
    expect(envelope.error.details).toEqual({ limit_per_minute: 3, retry_after_seconds: 50 });
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(limits(refused)).toEqual({ limit: '3', remaining: '0', reset: windowEnd });
    // A refused request does not count: the key is not pushed further into debt.
    expect((await cloud.request('GET', '/ssh-keys')).headers.get('retry-after')).toBe('50');
  });

  it('gives each key its own budget', async () => {
    await start(2);
    const res = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'other', permissions: ['*'] },
    });
    const other = createdApiKeyResponseSchema.parse(res.body).secret;
    await cloud.request('GET', '/ssh-keys');
    expect((await cloud.request('GET', '/ssh-keys')).status).toBe(429);
    const fresh = await cloud.request('GET', '/ssh-keys', { apiKey: other });
    expect(fresh.status).toBe(200);
    expect(limits(fresh).remaining).toBe('1');
  });

  it('starts a new budget when the clock reaches the next minute', async () => {
    await start(1);
    await cloud.request('GET', '/ssh-keys');
    nowMs = MINUTE_START + 59_999;
    const late = await cloud.request('GET', '/ssh-keys');
    expect(late.status).toBe(429);
    // Never "retry in 0 seconds": a client would spin.
    expect(late.headers.get('retry-after')).toBe('1');
    nowMs = MINUTE_START + 60_000;
    const next = await cloud.request('GET', '/ssh-keys');
    expect(next.status).toBe(200);
    expect(limits(next)).toEqual({
      limit: '1',
      remaining: '0',
      reset: String((MINUTE_START + 120_000) / 1000),
    });
  });

  it('puts no rate-limit headers on a 401: there is no key to count against', async () => {
    await start(5);
    const res = await cloud.request('GET', '/ssh-keys', { apiKey: null });
    expect(res.status).toBe(401);
    expect(limits(res)).toEqual({ limit: null, remaining: null, reset: null });
  });

  it.each([0, Infinity])('is off with %p: no limit and no headers', async (off) => {
    await start(off);
    for (let i = 0; i < 5; i += 1) {
      const res = await cloud.request('GET', '/ssh-keys');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    }
  });
});

describe('the rateLimitPerMinute option', () => {
  it.each([-1, 1.5, NaN])('refuses %p at start', async (bad) => {
    await expect(startLocalCloud({ rateLimitPerMinute: bad })).rejects.toThrow(RangeError);
  });

  it.each<[number, boolean]>([
    [0, true],
    [Infinity, true],
    [1, false],
    [600, false],
  ])('isRateLimitOff(%p) is %p', (limit, off) => {
    expect(isRateLimitOff(limit)).toBe(off);
  });
});
