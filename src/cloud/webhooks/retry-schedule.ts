/**
 * Waits between attempts of one delivery: the first retry 1 s after the first failure, then 5 s, 30 s,
 * 2 min and 10 min. Five retries make six attempts in all, spread over about 13 minutes.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];

/** How long one attempt may take, connect to last response byte, before it counts as failed. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** The contract promises at least five attempts, so a schedule has at least four retries. */
export const MIN_WEBHOOK_RETRIES = 4;

/** A retry schedule that breaks the contract or cannot work: too short, or a delay that is not whole ms ≥ 0. */
export class InvalidWebhookScheduleError extends Error {
  readonly code = 'invalid_webhook_schedule';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidWebhookScheduleError';
  }
}

/** Checks a schedule and timeout given as options, so a typo fails at start-up rather than at the first retry. */
export function validateWebhookSchedule(delaysMs: readonly number[], timeoutMs: number): void {
  if (delaysMs.length < MIN_WEBHOOK_RETRIES) {
    throw new InvalidWebhookScheduleError(
      `webhookRetryDelaysMs needs at least ${MIN_WEBHOOK_RETRIES} delays: the contract promises at least ` +
        `${MIN_WEBHOOK_RETRIES + 1} attempts (got ${delaysMs.length})`,
    );
  }
  for (const delay of delaysMs) {
    if (!Number.isSafeInteger(delay) || delay < 0) {
      throw new InvalidWebhookScheduleError(`webhook retry delays are whole milliseconds ≥ 0 (got ${delay})`);
    }
  }
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidWebhookScheduleError(
      `webhookTimeoutMs must be a whole number of ms above 0 (got ${timeoutMs})`,
    );
  }
}

/**
 * When the attempt after `attempt` (1-based) is due, or null when `attempt` was the last one: a schedule
 * of n delays allows n + 1 attempts.
 */
export function nextAttemptAtMs(attempt: number, delaysMs: readonly number[], nowMs: number): number | null {
  const delay = delaysMs[attempt - 1];
  return delay === undefined ? null : nowMs + delay;
}
