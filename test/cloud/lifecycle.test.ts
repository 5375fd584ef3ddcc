import { CloudClock } from '../../src/cloud/clock';
import { DEMO_DURATIONS, LifecycleEngine, scaleDurations } from '../../src/cloud/lifecycle';

describe('CloudClock', () => {
  it('adds advances to real time and refuses to go back', () => {
    let real = 1_000;
    const clock = new CloudClock(() => real);
    clock.advance(500);
    real += 10;
    expect(clock.nowMs()).toBe(1_510);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('LifecycleEngine', () => {
  it('runs every applier with the current time inside one transaction', () => {
    const seen: string[] = [];
    let transactions = 0;
    const engine = new LifecycleEngine(
      DEMO_DURATIONS,
      () => 'T',
      (work) => {
        transactions++;
        work();
      },
    );
    engine.register((now) => seen.push(`a@${now}`));
    engine.register((now) => seen.push(`b@${now}`));
    engine.tick();
    expect(seen).toEqual(['a@T', 'b@T']);
    expect(transactions).toBe(1);
  });

  it('scales demo durations by a speed factor', () => {
    expect(scaleDurations(DEMO_DURATIONS, 10).provisionMs).toBe(DEMO_DURATIONS.provisionMs / 10);
    expect(() => scaleDurations(DEMO_DURATIONS, 0)).toThrow(RangeError);
  });
});
