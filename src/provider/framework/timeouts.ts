import { isObjectValue, type ObjectValue } from '../protocol/values';
import type { Attributes, BlockSchema } from './schema';
import { attr, block } from './schema-builder';

/**
 * Go's duration syntax, as every Terraform provider's `timeouts` block takes it: a sequence of decimal numbers
 * each with a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), like `30s`, `1h30m`, `1.5h`. Returns milliseconds,
 * or a reason the text is not one. Written by hand: a linear scan with no regex that could backtrack.
 */
export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const bad = {
    error: `"${text}" is not a duration; write it like 30s, 10m or 1h30m (units ns, us, ms, s, m, h)`,
  };
  if (text === '0') return { ms: 0 };
  if (text.length === 0) return bad;
  let i = 0;
  if (text[0] === '-')
    return { error: `"${text}" is negative; a timeout must be a positive duration like 10m` };
  if (text[0] === '+') i++;
  let total = 0;
  let parts = 0;
  while (i < text.length) {
    const start = i;
    while (i < text.length && ((text[i]! >= '0' && text[i]! <= '9') || text[i] === '.')) i++;
    const digits = text.slice(start, i);
    if (digits === '' || digits === '.' || digits.split('.').length > 2) return bad;
    const unitStart = i;
    while (i < text.length && !((text[i]! >= '0' && text[i]! <= '9') || text[i] === '.')) i++;
    const factor = units[text.slice(unitStart, i)];
    if (factor === undefined) return bad;
    total += Number(digits) * factor;
    parts++;
  }
  return parts === 0 ? bad : { ms: total };
}

export type TimeoutOperation = 'create' | 'read' | 'update' | 'delete';

/**
 * The `timeouts { create = "20m" }` block users of every major provider write, for the operations that wait.
 * Bad values are a validate-time error on the attribute.
 */
export function timeoutsBlock(defaults: Partial<Record<TimeoutOperation, string>>): BlockSchema {
  const attributes: Record<string, Attributes[string]> = {};
  for (const [op, fallback] of Object.entries(defaults)) {
    attributes[op] = attr.string({
      optional: true,
      description: `How long to wait for the ${op} to finish, as a duration like \`30s\`, \`10m\` or \`1h\`. Default \`${fallback}\`.`,
      validate: (v) => {
        if (typeof v !== 'string') return undefined;
        const parsed = parseGoDuration(v);
        if ('error' in parsed) return parsed.error;
        return parsed.ms <= 0 ? `a timeout must be longer than zero (got "${v}")` : undefined;
      },
    });
  }
  return block.single({
    description:
      'How long operations that wait for LightYear Cloud may take before Terraform gives up on them.',
    attributes,
    terraformOnly: true,
  });
}

/** The timeout for `op` from a resource value's `timeouts` block, or `fallback` (a duration) when unset. */
export function timeoutMs(value: ObjectValue, op: TimeoutOperation, fallback: string): number {
  const block = value.timeouts;
  const configured = isObjectValue(block ?? null) ? (block as ObjectValue)[op] : null;
  const parsed = parseGoDuration(typeof configured === 'string' ? configured : fallback);
  if ('error' in parsed) throw new Error(`timeouts.${op}: ${parsed.error}`);
  return parsed.ms;
}
