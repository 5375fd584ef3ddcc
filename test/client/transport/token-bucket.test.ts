import { TokenBucket } from '../../../src/client/transport/token-bucket';
import { FakeClock } from '../helpers/fake-clock';

describe('TokenBucket', () => {
  it('lets a burst through at once, then spaces the rest at the steady rate', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(600, clock, 10);
    expect(bucket.capacity).toBe(10);
    await Promise.all(Array.from({ length: 15 }, () => bucket.take()));
    expect(clock.sleeps.map(Math.round)).toEqual([100, 200, 300, 400, 500]);
  });

  it('refills with the passing of time', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(60, clock, 1);
    await bucket.take();
    clock.advance(1000);
    await bucket.take();
    expect(clock.sleeps).toEqual([]);
    await bucket.take();
    expect(clock.sleeps.map(Math.round)).toEqual([1000]);
  });

  it('hands out nothing during a pause, then resumes at the steady rate rather than in a burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(600, clock, 10);
    bucket.pauseUntil(clock.now() + 2000);
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(clock.sleeps.map(Math.round)).toEqual([2000, 2100, 2200]);
  });

  it('gives the reservation back when a wait is aborted', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(60, clock, 1);
    await bucket.take();
    const aborted = AbortSignal.abort();
    await expect(bucket.take(aborted)).rejects.toMatchObject({ code: 'aborted' });
    await bucket.take();
    expect(clock.sleeps.map(Math.round)).toEqual([1000, 1000]);
  });
});

describe('TokenBucket default burst', () => {
  it('holds a whole minute of requests, as the API counts per key per minute', () => {
    expect(new TokenBucket(600, new FakeClock()).capacity).toBe(600);
  });
});
