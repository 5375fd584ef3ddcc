import { isBusyError, type LightyearClient } from '../client';
import type { CommandContext } from './command';
import { InterruptedError } from './errors';
import { lyctlHint } from './hints';

export interface WaitSpec<T> {
  /** What is awaited, as a sentence end: `server inst_1 to become active`. */
  readonly description: string;
  readonly poll: (signal: AbortSignal | undefined) => Promise<T>;
  readonly until: (value: T) => boolean;
  /** The state shown on the progress line: `pending`. */
  readonly state: (value: T) => string;
  /** Said when Ctrl-C stops the wait: what goes on in the cloud and how to look at it. */
  readonly onInterrupt: string;
  readonly timeoutMs?: number;
}

/**
 * Polls until done, showing progress on standard error: on a terminal one line rewritten every second with
 * the elapsed time and the last state seen; otherwise (CI logs, pipes) a plain line each time the state
 * changes. Ctrl-C stops the wait only: the operation goes on in the cloud, and the error says how to follow it.
 */
export async function waitWithProgress<T>(
  ctx: CommandContext,
  client: LightyearClient,
  spec: WaitSpec<T>,
): Promise<T> {
  const started = Date.now();
  const live = ctx.stderrIsTerminal === true && ctx.progress !== undefined;
  let state = 'starting';
  let lastPrinted: string | undefined;
  const show = (): void => {
    const line = `Waiting for ${spec.description}: ${state} (${Math.floor((Date.now() - started) / 1000)}s)`;
    if (live) ctx.progress?.(line);
    else if (state !== lastPrinted) {
      lastPrinted = state;
      ctx.err(line);
    }
  };
  const ticker = live ? setInterval(show, 1000) : undefined;
  const wait = (signal: AbortSignal | undefined): Promise<T> =>
    client.waitFor({
      description: spec.description,
      describeLast: spec.state,
      poll: async (pollSignal) => {
        const value = await spec.poll(pollSignal);
        state = spec.state(value);
        show();
        return value;
      },
      until: spec.until,
      intervalMs: 500,
      maxIntervalMs: 2000,
      timeoutMs: spec.timeoutMs ?? 600_000,
      signal,
    });
  try {
    const done = ctx.interruptible === undefined ? await wait(undefined) : await ctx.interruptible(wait);
    // The last poll already showed the final state; end the line there.
    if (live) ctx.progress?.(undefined);
    return done;
  } catch (err) {
    if (live) ctx.progress?.(undefined);
    if ((err as { code?: unknown }).code === 'aborted') {
      throw new InterruptedError(`stopped waiting for ${spec.description}; ${spec.onInterrupt}`);
    }
    throw err;
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
  }
}

export interface BusyTarget {
  /** The lyctl noun of what must not be busy: `server`. */
  readonly noun: string;
  readonly id: string;
  /** `resize`, `snapshot`. */
  readonly action: string;
}

/**
 * Sends a request, and sends it again while the API answers that its subject is busy (a server still
 * provisioning, rebooting, resizing: a 409 that passes by itself), with progress on stderr. So
 * `lyctl server reboot X && lyctl server resize X` works as written instead of failing on the reboot still
 * under way, as the provider's own actions do. Any other refusal (a stopped server cannot reboot) is the
 * user's to act on and fails at once. A request accepted at the first try prints nothing extra.
 */
export async function sendWhenNotBusy<T>(
  ctx: CommandContext,
  client: LightyearClient,
  target: BusyTarget,
  send: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  try {
    return await send(undefined);
  } catch (err) {
    if (!isBusyError(err)) throw err;
  }
  type Attempt =
    { readonly accepted: true; readonly value: T } | { readonly accepted: false; readonly why: string };
  const done = await waitWithProgress<Attempt>(ctx, client, {
    description: `${target.noun} ${target.id} to take the ${target.action}`,
    poll: async (signal) => {
      try {
        return { accepted: true, value: await send(signal) };
      } catch (err) {
        if (isBusyError(err)) return { accepted: false, why: err.apiMessage };
        throw err;
      }
    },
    until: (attempt) => attempt.accepted,
    state: (attempt) => (attempt.accepted ? 'accepted' : `busy: ${attempt.why}`),
    onInterrupt: `the ${target.action} was not sent; see \`${lyctlHint(`${target.noun} show ${target.id}`)}\``,
  });
  return (done as Extract<Attempt, { accepted: true }>).value;
}
