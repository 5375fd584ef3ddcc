import { LightyearWaitTimeoutError } from '../../src/client/errors';
import { waitFor } from '../../src/client/wait-for';
import { FakeClock } from './helpers/fake-clock';

function sequence<T>(values: T[]): () => Promise<T> {
  let index = 0;
  return () => Promise.resolve(values[Math.min(index++, values.length - 1)] as T);
}

describe('waitFor', () => {
  it('polls at the interval until the state is reached and returns the last value', async () => {
    const clock = new FakeClock();
    const poll = jest.fn(sequence(['pending', 'pending', 'active']));
    const value = await waitFor({
      poll,
      until: (status) => status === 'active',
      description: 'instance inst_1 to become active',
      intervalMs: 500,
      clock,
    });
    expect(value).toBe('active');
    expect(poll).toHaveBeenCalledTimes(3);
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('polls one last time at the deadline, then times out naming what it waited for and what it saw', async () => {
    const clock = new FakeClock();
    const poll = jest.fn(sequence([{ status: 'pending' }]));
    const failure = await waitFor({
      poll,
      until: (instance) => instance.status === 'active',
      description: 'instance inst_1 to become active',
      describeLast: (instance) => `status ${instance.status}`,
      intervalMs: 400,
      timeoutMs: 1000,
      clock,
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearWaitTimeoutError);
    expect(failure).toMatchObject({
      code: 'wait_timeout',
      message: 'timed out after 1 s waiting for instance inst_1 to become active (last seen: status pending)',
    });
    expect(clock.sleeps).toEqual([400, 400, 200]);
    expect(poll).toHaveBeenCalledTimes(4);
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
