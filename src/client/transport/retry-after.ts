/**
 * Reads `Retry-After`: either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns the wait in ms from
 * `nowMs`, never negative; `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only a real HTTP-date (it names a weekday or month in letters); Date.parse alone would accept "12".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
