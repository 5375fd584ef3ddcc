import type { Fault, FaultSpec } from '../../api';
import { randomBase62 } from '../ids';
import { matchesPathPattern } from './path-pattern';

/** What a matched fault does to the request. */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter: number | null }
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'drop' };

interface ArmedFault {
  readonly fault: Omit<Fault, 'remaining'>;
  remaining: number;
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
      created_at: nowIso,
    };
    this.armed.push({ fault, remaining: request.count });
    return { ...fault, remaining: request.count };
  }

  /** The faults with hits left, oldest first. */
  list(): Fault[] {
    return this.armed.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  clear(): void {
    this.armed = [];
  }

  /** Consumes one hit of the first fault that matches the request, and says what to do; else undefined. */
  take(method: string, pathname: string): FaultAction | undefined {
    const index = this.armed.findIndex(
      ({ fault }) =>
        (fault.method === '*' || fault.method === method) && matchesPathPattern(fault.path, pathname),
    );
    const entry = this.armed[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.armed.splice(index, 1);
    const { fault } = entry;
    if (fault.status !== null) return { kind: 'status', status: fault.status, retryAfter: fault.retry_after };
    if (fault.delay_ms !== null) return { kind: 'delay', delayMs: fault.delay_ms };
    return { kind: 'drop' };
  }
}
