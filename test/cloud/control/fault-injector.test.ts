import { createFaultRequestSchema, type CreateFaultRequest } from '../../../src/api';
import { FaultInjector } from '../../../src/cloud/control/fault-injector';

/** A fault request as the control route validates it, defaults filled in. */
const spec = (request: CreateFaultRequest) => createFaultRequestSchema.parse(request);

const NOW = '2030-01-01T00:00:00.000Z';

describe('FaultInjector', () => {
  it('applies a fault to exactly count matching requests, then removes it', () => {
    const faults = new FaultInjector();
    faults.arm(spec({ method: 'GET', path: '/v1/ssh-keys', count: 2, status: 503 }), NOW);
    expect(faults.take('POST', '/v1/ssh-keys')).toBeUndefined();
    expect(faults.take('GET', '/v1/ssh-keys/x')).toBeUndefined();
    expect(faults.take('GET', '/v1/ssh-keys')).toEqual({
      kind: 'status',
      status: 503,
      retryAfter: null,
      afterHandling: false,
    });
    expect(faults.list()).toEqual([expect.objectContaining({ remaining: 1, count: 2 })]);
    expect(faults.take('GET', '/v1/ssh-keys')).toEqual({
      kind: 'status',
      status: 503,
      retryAfter: null,
      afterHandling: false,
    });
    expect(faults.take('GET', '/v1/ssh-keys')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('lets the oldest matching fault take a request, so queued faults play out in order', () => {
    const faults = new FaultInjector();
    faults.arm(spec({ method: '*', path: '/v1/*', count: 1, delay_ms: 50 }), NOW);
    faults.arm(spec({ method: 'POST', path: '/v1/instances', count: 1, drop: true }), NOW);
    expect(faults.take('POST', '/v1/instances')).toEqual({ kind: 'delay', delayMs: 50 });
    expect(faults.take('POST', '/v1/instances')).toEqual({ kind: 'drop', afterHandling: false });
    expect(faults.take('POST', '/v1/instances')).toBeUndefined();
  });

  it('clears every fault', () => {
    const faults = new FaultInjector();
    const fault = faults.arm(
      spec({ method: 'GET', path: '/v1', count: 5, status: 429, retry_after: 2 }),
      NOW,
    );
    expect(fault).toMatchObject({
      id: expect.stringMatching(/^flt_/),
      remaining: 5,
      retry_after: 2,
      drop: false,
    });
    faults.clear();
    expect(faults.take('GET', '/v1')).toBeUndefined();
  });

  it('hits a share of the matching requests when given a probability, the same ones for the same seed', () => {
    const hits = (seed: number) => {
      const faults = new FaultInjector();
      faults.arm(
        spec({ method: '*', path: '/v1*', count: 10_000, status: 503, probability: 0.2, seed }),
        NOW,
      );
      return Array.from({ length: 1000 }, () => faults.take('GET', '/v1/instances') !== undefined);
    };
    const first = hits(7);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
    expect(hits(7)).toEqual(first);
    expect(hits(8)).not.toEqual(first);
  });

  it('counts hits, not matches, when a probability is given', () => {
    const faults = new FaultInjector();
    faults.arm(spec({ method: 'GET', path: '/v1', count: 3, drop: true, probability: 0.5, seed: 1 }), NOW);
    let hits = 0;
    for (let i = 0; i < 100; i++) if (faults.take('GET', '/v1') !== undefined) hits++;
    expect(hits).toBe(3);
    expect(faults.list()).toEqual([]);
  });

  it('says when the answer is to be lost after the request was handled', () => {
    const faults = new FaultInjector();
    faults.arm(spec({ method: 'POST', path: '/v1/*', drop: true, after_handling: true }), NOW);
    faults.arm(spec({ method: 'POST', path: '/v1/*', status: 500, after_handling: true }), NOW);
    expect(faults.take('POST', '/v1/instances')).toEqual({ kind: 'drop', afterHandling: true });
    expect(faults.take('POST', '/v1/instances')).toEqual({
      kind: 'status',
      status: 500,
      retryAfter: null,
      afterHandling: true,
    });
  });

  it('refuses after_handling with a delay, and a probability outside (0, 1]', () => {
    const refused = (request: CreateFaultRequest) => createFaultRequestSchema.safeParse(request).success;
    expect(refused({ method: 'GET', path: '/v1', delay_ms: 5, after_handling: true })).toBe(false);
    expect(refused({ method: 'GET', path: '/v1', drop: true, probability: 0 })).toBe(false);
    expect(refused({ method: 'GET', path: '/v1', drop: true, probability: 1.5 })).toBe(false);
    expect(refused({ method: 'GET', path: '/v1', drop: true, probability: 0.3, seed: 4 })).toBe(true);
  });
});
