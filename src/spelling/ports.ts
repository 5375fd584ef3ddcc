import { SpellingError, sameCanonical } from './errors';

/** A firewall rule's port or port range; a single port has `low === high`. */
export interface PortRange {
  readonly low: number;
  readonly high: number;
}

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/**
 * `"22"` or `"8000-9000"`: decimal, no leading zeros, 1–65535. A range must have low < high, so a single
 * port has exactly one spelling ("22", never "22-22"), which is also the canonical form. The pattern only
 * checks the shape; `parsePorts` checks the numbers.
 */
export const PORTS_PATTERN = /^([1-9][0-9]{0,4})(?:-([1-9][0-9]{0,4}))?$/;

export const PORTS_REASON = 'must be a port such as "22" or a range such as "8000-9000"';

/** A `ports` value that names no port or range. */
export class PortsError extends SpellingError {
  readonly code = 'invalid_ports';
}

/**
 * Reads a `ports` value (`"22"`, `"8000-9000"`), refusing every other spelling with a fix where one is
 * obvious (`"022"` → `"22"`, `"22-22"` → `"22"`, `"80:90"` → `"80-90"`), so what is accepted is already
 * canonical and stored as sent.
 */
export function parsePorts(text: string): PortRange {
  const match = PORTS_PATTERN.exec(text);
  if (match === null) throw new PortsError(PORTS_REASON, looseFix(text));
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (low > MAX_PORT || high > MAX_PORT) {
    throw new PortsError(`must name ports from ${MIN_PORT} to ${MAX_PORT}`);
  }
  if (match[2] !== undefined && low >= high) {
    const fix = low === high ? `write a single port as "${low}"` : `write "${high}-${low}"`;
    throw new PortsError('must be a range whose first port is below its last', fix);
  }
  return { low, high };
}

/**
 * A `ports` value as people write it in a rule, read leniently where the meaning is still single: blanks
 * around it or around the dash, leading zeros (`"0022"` is port 22: ports are never written in octal), a
 * one-port range (`"22-22"` is `"22"`). Still refused, with the fix: a reversed range (`"80-22"` is more
 * likely a typo for `"80-220"` than a wish for 22–80), `:` as the separator (a range to iptables but
 * host:container to Docker), and ports outside 1–65535. The API takes only the strict form, so callers send
 * `canonicalRulePorts` of what was written.
 */
export function parseRulePorts(text: string): PortRange {
  // Longer text is no spelling of a port range; the bound also keeps the split below cheap.
  const parts = text.length > 32 ? [] : text.split('-').map((part) => part.trim());
  if (parts.length === 0 || parts.length > 2 || !parts.every((part) => /^[0-9]{1,12}$/.test(part))) {
    return parsePorts(text); // not a loose spelling either: refused with the strict reason and its fix
  }
  const numbers = parts.map(Number);
  if (!numbers.every((n) => n >= MIN_PORT && n <= MAX_PORT)) {
    throw new PortsError(`must name ports from ${MIN_PORT} to ${MAX_PORT}`);
  }
  const [low = 0, high = low] = numbers;
  if (low > high) {
    throw new PortsError(
      'must be a range whose first port is not above its last',
      `write "${formatPorts({ low: high, high: low })}"`,
    );
  }
  return { low, high };
}

/** `parseRulePorts` then `formatPorts`: `"22-22"` → `"22"`, `" 0080 - 0090 "` → `"80-90"`. */
export function canonicalRulePorts(text: string): string {
  return formatPorts(parseRulePorts(text));
}

/** `"22-22"`, `"0022"`, `" 22 "` and `"22"`: one port. Unreadable text equals only itself. */
export function sameRulePorts(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalRulePorts);
}

/** Why `text` is not a port or range, with the fix when there is one; undefined when it is one. */
export function portsProblem(text: string): string | undefined {
  try {
    parsePorts(text);
    return undefined;
  } catch (error) {
    if (error instanceof PortsError) return error.message;
    throw error;
  }
}

/** The canonical text of a range: `"22"` or `"8000-9000"`. */
export function formatPorts(range: PortRange): string {
  return range.low === range.high ? String(range.low) : `${range.low}-${range.high}`;
}

/** By first port, then by last port: `"22"` < `"22-80"` < `"80"`. */
export function comparePortRanges(a: PortRange, b: PortRange): number {
  return a.low - b.low || a.high - b.high;
}

/** Accepted values are canonical, so this is equality of valid values; kept for symmetry with the others. */
export function samePorts(a: string, b: string): boolean {
  return sameCanonical(a, b, (text) => formatPorts(parsePorts(text)));
}

/** What the person probably meant, read leniently (leading zeros, `:` or blanks), if it is a valid range. */
function looseFix(text: string): string | undefined {
  // Longer text is no near miss of a port range; the bound also keeps the split below cheap.
  if (text.length > 24) return undefined;
  const parts = text.trim().split(/ *[-:] */);
  if (parts.length > 2 || !parts.every((part) => /^[0-9]{1,6}$/.test(part))) return undefined;
  const numbers = parts.map(Number);
  if (!numbers.every((n) => n >= MIN_PORT && n <= MAX_PORT)) return undefined;
  const [low = 0, high = low] = numbers;
  if (low > high) return undefined;
  return `write "${formatPorts({ low, high })}"`;
}
