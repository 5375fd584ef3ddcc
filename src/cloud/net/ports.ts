import { PORTS_PATTERN } from '../../api';

/** A firewall rule's port or port range; a single port has `low === high`. */
export interface PortRange {
  readonly low: number;
  readonly high: number;
}

/**
 * Reads a `ports` value the request schema has already accepted (`"22"`, `"8000-9000"`). Such a value is
 * its own canonical form: the schema refuses leading zeros and `"22-22"`.
 */
export function parsePorts(text: string): PortRange {
  const match = PORTS_PATTERN.exec(text);
  if (match === null) throw new RangeError(`not a port or port range: ${JSON.stringify(text)}`);
  const low = Number(match[1]);
  return { low, high: match[2] === undefined ? low : Number(match[2]) };
}

/** By first port, then by last port: `"22"` < `"22-80"` < `"80"`. */
export function comparePortRanges(a: PortRange, b: PortRange): number {
  return a.low - b.low || a.high - b.high;
}
