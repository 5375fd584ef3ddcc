import { Unknown, type ObjectValue } from '../protocol/values';
import type { Diagnostics } from './diagnostics';

/**
 * The ways a data source can find its object: by `id`, or by filters (`region` with `min_vcpu_count`, ...).
 * A configuration uses exactly one: arguments of two modes at once are a conflict, none at all says nothing to
 * look for. Both are judged at validate time with a diagnostic on the attribute concerned, so the user sees
 * the line to fix before any API call — as terraform-plugin-framework's `ExactlyOneOf` validators do.
 */
export interface LookupMode {
  /** The arguments belonging to this mode, in the order the docs and messages name them. */
  readonly arguments: readonly string[];
  /** Arguments the mode cannot do without once any of its arguments is set (`region` for plan filters). */
  readonly requires?: readonly string[];
}

export type LookupModes = readonly LookupMode[];

type ArgumentState = 'set' | 'unknown' | 'unset';

function stateOf(config: ObjectValue, name: string): ArgumentState {
  const v = config[name] ?? null;
  if (v instanceof Unknown) return 'unknown';
  return v === null ? 'unset' : 'set';
}

/** `region` (optionally with `min_vcpu_count`, `min_ram_mb`): how the docs and messages name a mode. */
export function describeLookupMode(mode: LookupMode): string {
  const required = mode.requires ?? [];
  const head = required.length > 0 ? required : mode.arguments.slice(0, 1);
  const rest = mode.arguments.filter((a) => !head.includes(a));
  const names = head.map((a) => `\`${a}\``).join(' and ');
  if (rest.length === 0) return names;
  return `${names} (optionally with ${rest.map((a) => `\`${a}\``).join(', ')})`;
}

function alternatives(modes: LookupModes): string {
  return modes.map(describeLookupMode).join(', or ');
}

/**
 * Reports conflicting or missing look-up arguments. Unknown values (known only after another apply) are not
 * judged: the same check runs again when the data source is read, with every value known.
 */
export function checkLookupModes(
  typeName: string,
  modes: LookupModes,
  config: ObjectValue,
  diagnostics: Diagnostics,
): void {
  const used = modes.filter((m) => m.arguments.some((a) => stateOf(config, a) === 'set'));
  const first = used[0];
  if (first === undefined) {
    const pending = modes.some((m) => m.arguments.some((a) => stateOf(config, a) === 'unknown'));
    const anchor = modes[0]?.arguments[0];
    if (!pending && anchor !== undefined)
      diagnostics.error(
        'Missing look-up argument',
        `${typeName} needs something to look for: set ${alternatives(modes)}.`,
        [anchor],
      );
    return;
  }
  for (const other of used.slice(1)) {
    for (const argument of other.arguments.filter((a) => stateOf(config, a) === 'set')) {
      const taken = first.arguments.filter((a) => stateOf(config, a) === 'set');
      diagnostics.error(
        'Conflicting look-up arguments',
        `${typeName} is looked up either by ${alternatives(modes)}; \`${argument}\` cannot be combined with ${taken.map((a) => `\`${a}\``).join(', ')}. Remove one of them.`,
        [argument],
      );
    }
  }
  if (used.length > 1) return;
  for (const argument of first.requires ?? []) {
    if (stateOf(config, argument) !== 'unset') continue;
    const given = first.arguments.filter((a) => stateOf(config, a) === 'set');
    const others = modes.filter((m) => m !== first);
    const instead = others.length > 0 ? `, or look up by ${alternatives(others)} instead` : '';
    diagnostics.error(
      `Missing argument ${argument}`,
      `${typeName} looked up by ${given.map((a) => `\`${a}\``).join(', ')} also needs \`${argument}\`: set it${instead}.`,
      [argument],
    );
  }
}
