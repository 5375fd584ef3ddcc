import {
  LightyearApiError,
  LightyearConnectionError,
  LightyearInvalidResponseError,
} from '../../../src/client/errors';
import type { RetrySettings } from '../../../src/client/transport/retry-policy';
import { backoffDelay, decideRetry, isSafeToRepeat } from '../../../src/client/transport/retry-policy';

const settings: RetrySettings = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
const get = { method: 'GET' as const, headers: {} };
const postWithKey = { method: 'POST' as const, headers: { 'idempotency-key': 'k1' } };
const postWithoutKey = { method: 'POST' as const, headers: {} };

function apiError(status: number, retryAfterMs?: number): LightyearApiError {
  const code =
    status === 429 ? 'rate_limit_exceeded' : status === 503 ? 'service_unavailable' : 'server_error';
  return new LightyearApiError({ code, message: 'x', status, retryAfterMs });
}

function connectionError(reason: string, transient: boolean, mayHaveReachedServer: boolean) {
  return new LightyearConnectionError('could not reach', {
    reason,
    transient,
    mayHaveReachedServer,
    attempts: 1,
  });
}

describe('isSafeToRepeat', () => {
  it('treats reads, updates and deletes as safe, and a POST only with an Idempotency-Key', () => {
    expect(isSafeToRepeat(get)).toBe(true);
    expect(isSafeToRepeat({ method: 'PATCH', headers: {} })).toBe(true);
    expect(isSafeToRepeat({ method: 'DELETE', headers: {} })).toBe(true);
    expect(isSafeToRepeat(postWithKey)).toBe(true);
    expect(isSafeToRepeat(postWithoutKey)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles per retry, jitters within the upper half of the step, and stops at the cap', () => {
    const low = { ...settings, random: () => 0 };
    const high = { ...settings, random: () => 0.999999 };
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, low))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(1, high)).toBeCloseTo(100);
    expect(backoffDelay(10, high)).toBeCloseTo(1000);
  });
});

describe('decideRetry', () => {
  it('retries 429, 502, 503 and 504 for a safe request', () => {
    for (const status of [429, 502, 503, 504]) {
      expect(decideRetry(apiError(status), get, 1, settings)).toMatchObject({
        retry: true,
        why: `HTTP ${status}`,
      });
    }
  });

  it('retries a 500 only when the request is safe to repeat', () => {
    expect(decideRetry(apiError(500), get, 1, settings).retry).toBe(true);
    expect(decideRetry(apiError(500), postWithKey, 1, settings).retry).toBe(true);
    expect(decideRetry(apiError(500), postWithoutKey, 1, settings).retry).toBe(false);
  });

  it('retries what means "not processed" even for an unsafe request, and nothing that may have been', () => {
    expect(decideRetry(apiError(429), postWithoutKey, 1, settings).retry).toBe(true);
    expect(decideRetry(apiError(503), postWithoutKey, 1, settings).retry).toBe(true);
    expect(decideRetry(apiError(502), postWithoutKey, 1, settings).retry).toBe(false);
    expect(decideRetry(connectionError('ECONNREFUSED', true, false), postWithoutKey, 1, settings).retry).toBe(
      true,
    );
    expect(decideRetry(connectionError('ECONNRESET', true, true), postWithoutKey, 1, settings).retry).toBe(
      false,
    );
    expect(decideRetry(connectionError('ECONNRESET', true, true), postWithKey, 1, settings).retry).toBe(true);
  });

  it('does not retry client errors, permanent connection failures or unknown errors', () => {
    const notFound = new LightyearApiError({ code: 'not_found', message: 'x', status: 404 });
    expect(decideRetry(notFound, get, 1, settings).retry).toBe(false);
    expect(
      decideRetry(connectionError('DEPTH_ZERO_SELF_SIGNED_CERT', false, false), get, 1, settings).retry,
    ).toBe(false);
    expect(decideRetry(new Error('boom'), get, 1, settings).retry).toBe(false);
    const badBody = new LightyearInvalidResponseError('x', { status: 200 });
    expect(decideRetry(badBody, get, 1, settings).retry).toBe(false);
  });

  it('retries a gateway answer that is not a LightYear error body (a proxy page)', () => {
    const proxyPage = new LightyearInvalidResponseError('x', { status: 502 });
    expect(decideRetry(proxyPage, get, 1, settings).retry).toBe(true);
  });

  it('waits what Retry-After asks, plus at most 10 % jitter', () => {
    const decision = decideRetry(apiError(429, 700), get, 1, settings);
    expect(decision).toEqual({ retry: true, delayMs: 735, why: 'HTTP 429' });
  });

  it('gives up rather than wait out a Retry-After beyond the maximum delay', () => {
    expect(decideRetry(apiError(429, 5000), get, 1, settings).retry).toBe(false);
  });

  it('stops after maxRetries retries', () => {
    expect(decideRetry(apiError(503), get, 3, settings).retry).toBe(true);
    expect(decideRetry(apiError(503), get, 4, settings).retry).toBe(false);
  });
});
