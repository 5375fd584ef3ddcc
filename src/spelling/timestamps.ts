import { SpellingError, sameCanonical } from './errors';

/** A timestamp that is not RFC 3339; `reason` reads after the field name. */
export class TimestampError extends SpellingError {
  readonly code = 'invalid_timestamp';
}

// RFC 3339 section 5.6: date, `T` (or, as its note allows, a space), time, optional fraction, then `Z` or an
// offset. Letters may be lower case. Split by hand-written groups without nested repetition: linear time.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * The API's spelling of an RFC 3339 timestamp: UTC, `Z`, milliseconds (`2027-01-31T12:00:00.000Z`), which is
 * the precision the API stores. `2027-01-31T13:00:00+01:00`, `2027-01-31t12:00:00z` and
 * `2027-01-31T12:00:00.000000Z` all mean the same instant; the API itself only takes the `Z` form.
 */
export function canonicalTimestamp(text: string): string {
  const m = RFC3339.exec(text.trim());
  const refuse = () =>
    new TimestampError(
      `has ${JSON.stringify(text)}, which is not an RFC 3339 timestamp`,
      'write it like 2027-01-31T12:00:00Z (or with an offset: 2027-01-31T13:00:00+01:00)',
    );
  if (m === null) throw refuse();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes =
    m[8] !== undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2027-02-30 over into March; a calendar date that does not exist is refused instead.
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    month >= 1 &&
    month <= 12 &&
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    Number(m[10] ?? 0) <= 23 &&
    Number(m[11] ?? 0) <= 59;
  if (!valid || Number.isNaN(local)) throw refuse();
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

/** The instant a timestamp names, in milliseconds since the epoch; throws TimestampError. */
export function timestampMs(text: string): number {
  return Date.parse(canonicalTimestamp(text));
}

/** Whether two timestamps name the same instant (to the millisecond), however each is written. */
export function sameTimestamp(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalTimestamp);
}
