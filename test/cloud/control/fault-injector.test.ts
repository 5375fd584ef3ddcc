import { FaultInjector } from '../../../src/cloud/control/fault-injector';

const NOW = '2030-01-01T00:00:00.000Z';

describe('FaultInjector', () => {
  it('applies a fault to exactly count matching requests, then removes it', () => {
    const faults = new FaultInjector();
    faults.arm({ method: 'GET', path: '/v1/ssh-keys', count: 2, status: 503 }, NOW);
    expect(faults.take('POST', '/v1/ssh-keys')).toBeUndefined();
    expect(faults.take('GET', '/v1/ssh-keys/x')).toBeUndefined();
    expect(faults.take('GET', '/v1/ssh-keys')).toEqual({ kind: 'status', status: 503, retryAfter: null });
    expect(faults.list()).toEqual([expect.objectContaining({ remaining: 1, count: 2 })]);
    expect(faults.take('GET', '/v1/ssh-keys')).toEqual({ kind: 'status', status: 503, retryAfter: null });
    expect(faults.take('GET', '/v1/ssh-keys')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('lets the oldest matching fault take a request, so queued faults play out in order', () => {
    const faults = new FaultInjector();
    faults.arm({ method: '*', path: '/v1/*', count: 1, delay_ms: 50 }, NOW);
    faults.arm({ method: 'POST', path: '/v1/instances', count: 1, drop: true }, NOW);
    expect(faults.take('POST', '/v1/instances')).toEqual({ kind: 'delay', delayMs: 50 });
    expect(faults.take('POST', '/v1/instances')).toEqual({ kind: 'drop' });
    expect(faults.take('POST', '/v1/instances')).toBeUndefined();
  });

  it('clears every fault', () => {
    const faults = new FaultInjector();
    const fault = faults.arm({ method: 'GET', path: '/v1', count: 5, status: 429, retry_after: 2 }, NOW);
    expect(fault).toMatchObject({
      id: expect.stringMatching(/^flt_/),
      remaining: 5,
      retry_after: 2,
      drop: false,
    });
    faults.clear();
    expect(faults.take('GET', '/v1')).toBeUndefined();
  });
});
