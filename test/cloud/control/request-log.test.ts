import type { LoggedRequest } from '../../../src/api';
import { RequestLog } from '../../../src/cloud/control/request-log';

function entry(n: number, overrides: Partial<LoggedRequest> = {}): LoggedRequest {
  return {
    request_id: `req_${n}`,
    method: 'GET',
    path: `/v1/ssh-keys/${n}`,
    status: 200,
    api_key_id: 'key_a',
    fault: null,
    started_at: '2030-01-01T00:00:00.000Z',
    duration_ms: 1,
    ...overrides,
  };
}

describe('RequestLog', () => {
  it('keeps the newest entries in order once it wraps around', () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 7; n += 1) log.record(entry(n));
    expect(log.list().map((e) => e.request_id)).toEqual(['req_5', 'req_6', 'req_7']);
  });

  it('filters by method (any case), exact or prefix path, status and key', () => {
    const log = new RequestLog(10);
    log.record(entry(1));
    log.record(entry(2, { method: 'POST', path: '/v1/ssh-keys', status: 201 }));
    log.record(entry(3, { api_key_id: 'key_b', status: 404 }));
    expect(log.list({ method: 'post' }).map((e) => e.request_id)).toEqual(['req_2']);
    expect(log.list({ path: '/v1/ssh-keys' }).map((e) => e.request_id)).toEqual(['req_2']);
    expect(log.list({ path: '/v1/ssh-keys/*' }).map((e) => e.request_id)).toEqual(['req_1', 'req_3']);
    expect(log.list({ status: 404, apiKeyId: 'key_b' }).map((e) => e.request_id)).toEqual(['req_3']);
    expect(log.list({ status: 404, apiKeyId: 'key_a' })).toEqual([]);
  });

  it('clears, and refuses a capacity below one', () => {
    const log = new RequestLog(2);
    log.record(entry(1));
    log.clear();
    expect(log.list()).toEqual([]);
    log.record(entry(2));
    expect(log.list().map((e) => e.request_id)).toEqual(['req_2']);
    expect(() => new RequestLog(0)).toThrow(RangeError);
  });
});
