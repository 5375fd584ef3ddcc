import {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  InvalidWebhookScheduleError,
  nextAttemptAtMs,
  validateWebhookSchedule,
} from '../../../src/cloud/webhooks/retry-schedule';

describe('webhook retry schedule', () => {
  it('by default makes six attempts with growing waits', () => {
    expect(DEFAULT_WEBHOOK_RETRY_DELAYS_MS).toEqual([1000, 5000, 30000, 120000, 600000]);
    expect(nextAttemptAtMs(1, DEFAULT_WEBHOOK_RETRY_DELAYS_MS, 0)).toBe(1000);
    expect(nextAttemptAtMs(5, DEFAULT_WEBHOOK_RETRY_DELAYS_MS, 10)).toBe(600010);
    expect(nextAttemptAtMs(6, DEFAULT_WEBHOOK_RETRY_DELAYS_MS, 0)).toBeNull();
  });

  it('refuses schedules that break the five-attempt promise or are not whole milliseconds', () => {
    expect(() => validateWebhookSchedule([1, 1, 1, 1], 10)).not.toThrow();
    expect(() => validateWebhookSchedule([1, 1, 1], 10)).toThrow(InvalidWebhookScheduleError);
    expect(() => validateWebhookSchedule([1, 1, 1, -1], 10)).toThrow(/whole milliseconds/);
    expect(() => validateWebhookSchedule([1, 1, 1, 0.5], 10)).toThrow(InvalidWebhookScheduleError);
    expect(() => validateWebhookSchedule([1, 1, 1, 1], 0)).toThrow(/webhookTimeoutMs/);
  });
});
