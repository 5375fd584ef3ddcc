/**
 * How long the cloud's slow operations take. Each object that is mid-transition stores when it is due
 * (`due_at`); the lifecycle engine applies due transitions before every request and on a short timer, so
 * a GET always shows the state the clock says, and events fire even when nobody polls.
 */
export interface LifecycleDurations {
  /** `pending` → `active` for a new instance (addresses are assigned then). */
  readonly provisionMs: number;
  /** `resizing` → `active` after a plan change. */
  readonly resizeMs: number;
  /** start/stop/reboot: `power_status` changes after this long. */
  readonly powerMs: number;
  /** A new block volume: `pending` → `active`; attach and detach settle after this long too. */
  readonly blockMs: number;
  /** A snapshot: `pending` → `complete`. */
  readonly snapshotMs: number;
}

/** Realistic for demos: things visibly take a moment, but nobody waits long. */
export const DEMO_DURATIONS: LifecycleDurations = {
  provisionMs: 3000,
  resizeMs: 2000,
  powerMs: 1000,
  blockMs: 1500,
  snapshotMs: 2000,
};

/** For tests: every transition is due at once (or advance the clock with durations of your own). */
export const INSTANT_DURATIONS: LifecycleDurations = {
  provisionMs: 0,
  resizeMs: 0,
  powerMs: 0,
  blockMs: 0,
  snapshotMs: 0,
};

/** Scales every duration: `--lifecycle-speed 10` makes a demo ten times faster. */
export function scaleDurations(base: LifecycleDurations, speed: number): LifecycleDurations {
  if (!(speed > 0)) throw new RangeError(`lifecycle speed must be above 0 (got ${speed})`);
  const scale = (ms: number) => Math.round(ms / speed);
  return {
    provisionMs: scale(base.provisionMs),
    resizeMs: scale(base.resizeMs),
    powerMs: scale(base.powerMs),
    blockMs: scale(base.blockMs),
    snapshotMs: scale(base.snapshotMs),
  };
}

/**
 * A resource kind's due transitions, applied in one write transaction: "every row whose due_at is at or
 * before `nowIso`, move it on (and emit its events)". Must be idempotent: it runs often.
 */
export type TransitionApplier = (nowIso: string) => void;

/** Runs every registered applier; the cloud calls it before each request and on a timer. */
export class LifecycleEngine {
  private readonly appliers: TransitionApplier[] = [];

  constructor(
    readonly durations: LifecycleDurations,
    private readonly nowIso: () => string,
    private readonly transaction: (work: () => void) => void,
  ) {}

  register(applier: TransitionApplier): void {
    this.appliers.push(applier);
  }

  /** Applies everything that is due now. */
  tick(): void {
    if (this.appliers.length === 0) return;
    const now = this.nowIso();
    this.transaction(() => {
      for (const apply of this.appliers) apply(now);
    });
  }
}
