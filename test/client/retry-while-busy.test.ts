import { LightyearApiError, LightyearWaitTimeoutError } from '../../src/client/errors';
import { retryWhileBusy } from '../../src/client/retry-while-busy';
import { FakeClock } from './helpers/fake-clock';

const busy = (status: string) =>
  new LightyearApiError({
    code: 'conflict',
    status: 409,
    message: `Instance inst_1 is ${status}.`,
    details: { status, retryable: true },
  });
const duplicate = new LightyearApiError({ code: 'conflict', status: 409, message: 'Already there.' });

/** A call that fails with each of `failures` in turn, then answers `value`. */
function failingThen<T>(failures: Error[], value: T) {
  let calls = 0;
  const call = jest.fn(() => {
    const failure = failures[calls++];
    return failure === undefined ? Promise.resolve(value) : Promise.reject(failure);
  });
  return call;
}

describe('retryWhileBusy', () => {
  it('sends the call again while it is busy, with backoff, and returns its answer', async () => {
    const clock = new FakeClock();
    const call = failingThen([busy('pending'), busy('pending'), busy('resizing')], 'attached');
    const refusals: string[] = [];
    const answer = await retryWhileBusy(call, {
      description: 'the attach',
      intervalMs: 100,
      backoff: 2,
      onBusy: (err) => refusals.push(String(err.details?.status)),
      clock,
    });
    expect(answer).toBe('attached');
    expect(call).toHaveBeenCalledTimes(4);
    expect(clock.sleeps).toEqual([100, 200, 400]);
    expect(refusals).toEqual(['pending', 'pending', 'resizing']);
  });

  it('ends at once on an error that is not busy, a plain conflict included', async () => {
    const call = failingThen([busy('pending'), duplicate], 'never');
    await expect(retryWhileBusy(call, { description: 'x', clock: new FakeClock() })).rejects.toBe(duplicate);
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('times out with the last busy refusal as lastSeen', async () => {
    const last = busy('resizing');
    const call = failingThen([busy('pending'), busy('pending'), last, last, last], 'late');
    const failure = await retryWhileBusy(call, {
      description: 'volume blk_1 to attach',
      intervalMs: 100,
      backoff: 1,
      timeoutMs: 250,
      clock: new FakeClock(),
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearWaitTimeoutError);
    expect(failure).toMatchObject({
      code: 'wait_timeout',
      description: 'volume blk_1 to attach',
      polls: 4,
      message:
        'timed out after 250 ms waiting for volume blk_1 to attach (last seen: Instance inst_1 is resizing.)',
    });
    expect((failure as LightyearWaitTimeoutError).lastSeen).toBe(last);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const call = jest.fn(() => Promise.reject(busy('pending')));
    const waiting = retryWhileBusy(call, { description: 'x', intervalMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
  });
});
