import { parseGoDuration as parseDuration } from './framework/timeouts';

/**
 * Durations as Terraform users write them: Go's `time.ParseDuration` syntax ("30s", "2m", "1m30s", "500ms",
 * "1.5h"), which every HashiCorp provider's timeout settings use. Signs are refused: a timeout is a length.
 */

/** Milliseconds, or undefined when the text is not a Go duration (one parser: the timeouts block's). */
export function parseGoDuration(text: string): number | undefined {
  if (text.startsWith('+') || text.startsWith('-')) return undefined;
  const parsed = parseDuration(text);
  return 'ms' in parsed ? parsed.ms : undefined;
}

/** Node's timers fire at once (with a warning) past 2^31-1 ms; a day is longer than any call should wait. */
const MAX_TIMEOUT_MS = 24 * 3_600_000;

/**
 * Why `text` cannot be a timeout, in words naming `what` (the attribute or variable), or undefined when it can.
 */
export function checkTimeout(what: string, text: string): string | undefined {
  const ms = parseGoDuration(text.trim());
  if (ms === undefined) {
    return `${what} must be a duration such as "30s", "2m" or "1m30s" (units h, m, s, ms), not ${JSON.stringify(text)}`;
  }
  if (ms < 1) return `${what} must be at least 1ms (got ${JSON.stringify(text)})`;
  if (ms > MAX_TIMEOUT_MS) return `${what} must be at most 24h (got ${JSON.stringify(text)})`;
  return undefined;
}
