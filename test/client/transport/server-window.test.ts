import { ServerWindow, serverWindowHeaders } from '../../../src/client/transport/server-window';
import type { Clock } from '../../../src/client/clock';

/** A clock that only moves when a caller sleeps, so waits are exact and instant. */
function manualClock(start = 1_000_000): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** One request through the window: admitted, answered with the server's count, over. */
async function answered(window: ServerWindow, remaining: number, resetAtMs: number): Promise<void> {
  const admission = await window.admit();
  window.observe(remaining, resetAtMs);
  window.done(admission);
}

describe('ServerWindow', () => {
  it('sends one request alone to learn an unknown budget, the others after its answer', async () => {
    const clock = manualClock();
    const window = new ServerWindow(clock);
    const first = await window.admit();
    expect(first.probe).toBe(true);
    let secondAdmitted = false;
    const second = window.admit().then((a) => {
      secondAdmitted = true;
      return a;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondAdmitted).toBe(false);
    window.observe(10, clock.now() + 60_000);
    window.done(first);
    expect((await second).probe).toBe(false);
  });

  it('stops probing a server that answers without the headers', async () => {
    const window = new ServerWindow(manualClock());
    const first = await window.admit();
    window.observeSilence();
    window.done(first);
    const many = await Promise.all(Array.from({ length: 20 }, () => window.admit()));
    expect(many.every((a) => !a.probe)).toBe(true);
  });

  it('holds requests back once the window is spent, until its reset, then learns the next one', async () => {
    const clock = manualClock();
    const window = new ServerWindow(clock);
    const reset = clock.now() + 30_000;
    await answered(window, 2, reset); // this request counted; two more fit
    await window.admit();
    await window.admit();
    expect(clock.slept).toEqual([]);
    const third = await window.admit(); // would be refused: it waits for the reset, then probes
    expect(clock.slept).toEqual([30_000]);
    expect(third.probe).toBe(true);
  });

  it('counts the other requests in flight as not yet counted by the server', async () => {
    const clock = manualClock();
    const window = new ServerWindow(clock);
    const reset = clock.now() + 10_000;
    await answered(window, 100, reset);
    for (let i = 0; i < 5; i++) await window.admit();
    // One of five answers: 4 left by the server's count, but 4 more of ours are on their way.
    window.observe(4, reset);
    await window.admit();
    expect(clock.slept).toEqual([10_000]);
  });

  it('takes the lower estimate within a window, and a newer window afresh', async () => {
    const clock = manualClock();
    const window = new ServerWindow(clock);
    const reset = clock.now() + 5_000;
    await answered(window, 100, reset);
    await answered(window, 0, reset);
    const afterReset = await window.admit();
    expect(clock.slept).toEqual([5_000]);
    window.observe(59, reset + 60_000);
    window.done(afterReset);
    for (let i = 0; i < 59; i++) await window.admit();
    expect(clock.slept).toEqual([5_000]);
  });

  it('does not wait on a reset so far off that the clocks must disagree', async () => {
    const clock = manualClock();
    const window = new ServerWindow(clock);
    await answered(window, 0, clock.now() + 3_600_000);
    await window.admit();
    await window.admit();
    expect(clock.slept).toEqual([]);
  });

  it('gives up waiting when the caller is cancelled', async () => {
    const window = new ServerWindow(manualClock());
    await window.admit(); // the probe, never answered
    const controller = new AbortController();
    const waiting = window.admit(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('serverWindowHeaders', () => {
  it('reads both headers, or nothing', () => {
    expect(serverWindowHeaders({ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1700000060' })).toEqual({
      remaining: 7,
      resetAtMs: 1_700_000_060_000,
    });
    expect(serverWindowHeaders({ 'x-ratelimit-remaining': '7' })).toBeUndefined();
    expect(serverWindowHeaders({ 'x-ratelimit-remaining': 'x', 'x-ratelimit-reset': '1' })).toBeUndefined();
  });
});
