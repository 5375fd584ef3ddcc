import { LightyearWaitTimeoutError } from '../../src/client/errors';
import { waitFor } from '../../src/client/wait-for';
import { FakeClock } from './helpers/fake-clock';

function sequence<T>(values: T[]): () => Promise<T> {
  let index = 0;
  return () => Promise.resolve(values[Math.min(index++, values.length - 1)] as T);
}

describe('waitFor', () => {
  it('polls until the state is reached, the waits growing by the backoff, and returns the last value', async () => {
    const clock = new FakeClock();
    const poll = jest.fn(sequence(['pending', 'pending', 'pending', 'active']));
    const value = await waitFor({
      poll,
      until: (status) => status === 'active',
      description: 'instance inst_1 to become active',
      intervalMs: 500,
      clock,
    });
    expect(value).toBe('active');
    expect(poll).toHaveBeenCalledTimes(4);
    expect(clock.sleeps).toEqual([500, 750, 1125]);
  });

  it('never waits longer than maxIntervalMs, and a backoff of 1 keeps the interval fixed', async () => {
    const growing = new FakeClock();
    await waitFor({
      poll: sequence([1, 2, 3, 4, 5]),
      until: (n) => n === 5,
      description: 'five',
      intervalMs: 1000,
      backoff: 3,
      maxIntervalMs: 5000,
      clock: growing,
    });
    expect(growing.sleeps).toEqual([1000, 3000, 5000, 5000]);

    const fixed = new FakeClock();
    await waitFor({
      poll: sequence([1, 2, 3]),
      until: (n) => n === 3,
      description: 'three',
      intervalMs: 200,
      backoff: 1,
      clock: fixed,
    });
    expect(fixed.sleeps).toEqual([200, 200]);
  });

  it('refuses a backoff below 1, which would poll ever faster', async () => {
    await expect(
      waitFor({
        poll: sequence([0]),
        until: () => false,
        description: 'x',
        backoff: 0.5,
        clock: new FakeClock(),
      }),
    ).rejects.toThrow(RangeError);
  });

  it('polls one last time at the deadline, then times out carrying what it saw last', async () => {
    const clock = new FakeClock();
    const seen = [
      { status: 'pending', n: 1 },
      { status: 'pending', n: 2 },
      { status: 'resizing', n: 3 },
    ];
    const poll = jest.fn(sequence(seen));
    const failure = await waitFor({
      poll,
      until: (instance) => instance.status === 'active',
      description: 'instance inst_1 to become active',
      describeLast: (instance) => `status ${instance.status}`,
      intervalMs: 400,
      backoff: 1,
      timeoutMs: 1000,
      clock,
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearWaitTimeoutError);
    expect(failure).toMatchObject({
      code: 'wait_timeout',
      message:
        'timed out after 1 s waiting for instance inst_1 to become active (last seen: status resizing)',
      description: 'instance inst_1 to become active',
      timeoutMs: 1000,
      polls: 4,
      lastSeen: { status: 'resizing', n: 3 },
    });
    expect(clock.sleeps).toEqual([400, 400, 200]);
    expect(poll).toHaveBeenCalledTimes(4);
    // The object read from the API stays out of log output.
    expect((failure as LightyearWaitTimeoutError).toJSON()).not.toHaveProperty('lastSeen');
  });

  it('reports every poll that did not end the wait, with the time elapsed', async () => {
    const clock = new FakeClock();
    const progress: string[] = [];
    await waitFor({
      poll: sequence(['pending', 'resizing', 'active']),
      until: (status) => status === 'active',
      description: 'x',
      intervalMs: 100,
      backoff: 2,
      onPoll: (status, elapsedMs) => progress.push(`${status} ${elapsedMs}`),
      clock,
    });
    expect(progress).toEqual(['pending 0', 'resizing 100']);
  });

  it('lets an error from the poll end the wait', async () => {
    const notFound = Object.assign(new Error('gone'), { code: 'not_found' });
    await expect(
      waitFor({
        poll: () => Promise.reject(notFound),
        until: () => true,
        description: 'x',
        clock: new FakeClock(),
      }),
    ).rejects.toBe(notFound);
  });

  it('stops mid-sleep when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = waitFor({
      poll: () => Promise.resolve('pending'),
      until: () => false,
      description: 'x',
      intervalMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
