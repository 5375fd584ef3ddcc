import type { Fault, FaultSpec } from '../../api';
import { randomBase62 } from '../ids';
import { matchesPathPattern } from './path-pattern';

/** What a matched fault does to the request. */
export type FaultAction =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfter: number | null;
      readonly afterHandling: boolean;
    }
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'drop'; readonly afterHandling: boolean };

interface ArmedFault {
  readonly fault: Omit<Fault, 'remaining'>;
  remaining: number;
  /** Draws in [0, 1) for `probability`; always hits when the probability is 1. */
  readonly roll: () => number;
}

/** mulberry32: small, fast and good enough to spread faults; seeded so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Faults armed through `/_local/faults`. Deterministic: each applies to the next `count` requests that
 * match its method and path, then is spent. When several match, the oldest armed one with hits left takes
 * the request, so faults queued for one path play out in the order they were armed. In memory only: a
 * restart disarms everything.
 */
export class FaultInjector {
  private armed: ArmedFault[] = [];

  arm(request: FaultSpec, nowIso: string): Fault {
    const fault: Omit<Fault, 'remaining'> = {
      id: `flt_${randomBase62(24)}`,
      method: request.method,
      path: request.path,
      count: request.count,
      status: request.status ?? null,
      retry_after: request.retry_after ?? null,
      delay_ms: request.delay_ms ?? null,
      drop: request.drop === true,
      probability: request.probability,
      after_handling: request.after_handling === true,
      created_at: nowIso,
    };
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.armed.push({ fault, remaining: request.count, roll: seededRandom(seed) });
    return { ...fault, remaining: request.count };
  }

  /** The faults with hits left, oldest first. */
  list(): Fault[] {
    return this.armed.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  clear(): void {
    this.armed = [];
  }

  /**
   * Consumes one hit of the first fault that matches the request and whose probability comes up, and says
   * what to do; else undefined.
   */
  take(method: string, pathname: string): FaultAction | undefined {
    const index = this.armed.findIndex(
      ({ fault, roll }) =>
        (fault.method === '*' || fault.method === method) &&
        matchesPathPattern(fault.path, pathname) &&
        (fault.probability >= 1 || roll() < fault.probability),
    );
    const entry = this.armed[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.armed.splice(index, 1);
    const { fault } = entry;
    const afterHandling = fault.after_handling;
    if (fault.status !== null)
      return { kind: 'status', status: fault.status, retryAfter: fault.retry_after, afterHandling };
    if (fault.delay_ms !== null) return { kind: 'delay', delayMs: fault.delay_ms };
    return { kind: 'drop', afterHandling };
  }
}
