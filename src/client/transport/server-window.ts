import { LightyearAbortedError } from '../errors';
import type { Clock } from '../clock';

/** A server's reset time further out than this is taken for clock skew and not waited for. */
const MAX_WAIT_MS = 60_000;

/** What `admit` hands out; given back to `done` when the request is over, answered or not. */
export interface Admission {
  /** This request was sent alone, to learn an unknown window's budget. */
  readonly probe: boolean;
}

/**
 * The API key's budget as the server counts it, learnt from `X-RateLimit-Remaining` and `X-RateLimit-Reset`
 * on every answer, so that requests are held back *before* they would be refused.
 *
 * The client's own token bucket paces one process; but Terraform starts a fresh provider process for each
 * phase of a command, every one with a full bucket, and the key may be shared with other tools. The
 * server's headers are the only count they all share. The server counts in fixed windows (the contract's
 * reset is one instant), so a continuously refilling bucket alone overruns it at the end of a window.
 *
 * The estimate is conservative: after an answer saying `remaining`, every request still in flight is taken
 * to be uncounted by it, and every request sent later is subtracted. When nothing is left, callers wait
 * for the reset. While a window's budget is unknown (a fresh process, a new window) one request goes alone
 * and its answer tells the budget: a new process's first parallel calls could otherwise overrun what its
 * predecessor left. A server that answers without these headers (the local cloud with its limit off) is
 * not asked again.
 */
export class ServerWindow {
  /** Requests the window still admits, by the last answer, less what was sent after it. */
  private left: number | undefined;
  private resetAtMs = 0;
  private inFlight = 0;
  /** Set once an answer came without the headers: this server does not say, so nobody waits to learn it. */
  private silent = false;
  /** Settles when the lone request sent to learn an unknown budget is over. */
  private probe: Promise<void> | undefined;
  private finishProbe: () => void = () => {};

  constructor(private readonly clock: Clock) {}

  /** Waits while the server's window is known to be spent (or being learnt), then counts the request as sent. */
  async admit(signal?: AbortSignal): Promise<Admission> {
    for (;;) {
      if (signal?.aborted) throw new LightyearAbortedError();
      const now = this.clock.now();
      if (this.left !== undefined && now >= this.resetAtMs) this.left = undefined;
      if (this.left === undefined) {
        if (this.silent) return this.sent(false);
        if (this.probe === undefined) {
          this.probe = new Promise<void>((resolve) => (this.finishProbe = resolve));
          return this.sent(true);
        }
        await untilSettledOrAborted(this.probe, signal);
        continue;
      }
      if (this.left > 0) {
        this.left -= 1;
        return this.sent(false);
      }
      const wait = this.resetAtMs - now;
      // A reset that far off means the clocks disagree: stop trusting the estimate; a 429 and its
      // Retry-After still steer the token bucket.
      if (wait > MAX_WAIT_MS) {
        this.silent = true;
        this.left = undefined;
        continue;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  /**
   * An answer arrived with the server's count. The request it answers is still in flight here and counted
   * there; every other request in flight is taken to be not counted yet.
   */
  observe(remaining: number, resetAtMs: number): void {
    this.silent = false;
    const allowed = remaining - Math.max(0, this.inFlight - 1);
    if (resetAtMs > this.resetAtMs) {
      // The first answer of a newer window sets its budget.
      this.resetAtMs = resetAtMs;
      this.left = allowed;
    } else if (resetAtMs === this.resetAtMs) {
      this.left = Math.min(this.left ?? allowed, allowed);
    }
  }

  /** An answer arrived without the headers: this server does not count out loud. */
  observeSilence(): void {
    this.silent = true;
  }

  /** The request is over, answered or not. */
  done(admission: Admission): void {
    this.inFlight -= 1;
    if (admission.probe) {
      this.probe = undefined;
      this.finishProbe();
    }
  }

  private sent(probe: boolean): Admission {
    this.inFlight += 1;
    return { probe };
  }
}

function untilSettledOrAborted(settled: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return settled;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new LightyearAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix seconds) as numbers, when both are present. */
export function serverWindowHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): { remaining: number; resetAtMs: number } | undefined {
  const remainingText = headers['x-ratelimit-remaining'];
  const resetText = headers['x-ratelimit-reset'];
  if (typeof remainingText !== 'string' || typeof resetText !== 'string') return undefined;
  const remaining = Number(remainingText);
  const reset = Number(resetText);
  if (remainingText === '' || resetText === '' || !Number.isFinite(remaining) || !Number.isFinite(reset))
    return undefined;
  return { remaining, resetAtMs: reset * 1000 };
}
