import { UsageError } from './errors';
import type { ArgumentSpec, OptionSpecs, OptionValues } from './command';

export interface ParsedArgs<O extends OptionSpecs> {
  readonly options: OptionValues<O>;
  readonly args: string[];
}

/**
 * Parses the arguments that follow a command's name. Our own rather than `node:util` parseArgs so that every
 * mistake gets a short message naming the flag, fit for the one line the dispatcher prints.
 *
 * Accepted: `--name value`, `--name=value`, `-x value`, `--flag`, `--` to end options. A repeated option keeps
 * its last value, as in most Unix tools, unless it is declared `multiple`: then every value is kept, in order.
 */
export function parseCommandArgs<O extends OptionSpecs>(
  argv: readonly string[],
  specs: O,
  argumentSpecs: readonly ArgumentSpec[],
  commandPath: string,
): ParsedArgs<O> {
  const options: Record<string, string | boolean | string[]> = {};
  const set = (name: string, value: string): void => {
    if (specs[name]?.multiple === true) {
      const previous = options[name];
      options[name] = Array.isArray(previous) ? [...previous, value] : [value];
    } else {
      options[name] = value;
    }
  };
  const args: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.short !== undefined) byShort.set(spec.short, name);
  }

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      args.push(token);
      continue;
    }

    let name: string | undefined;
    let inlineValue: string | undefined;
    let shown: string;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      shown = eq === -1 ? token : token.slice(0, eq);
      name = shown.slice(2);
      inlineValue = eq === -1 ? undefined : token.slice(eq + 1);
      if (!Object.hasOwn(specs, name)) name = undefined;
    } else {
      shown = token;
      name = token.length === 2 ? byShort.get(token.slice(1)) : undefined;
    }
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) {
      throw new UsageError('unknown_option', `unknown option ${shown} for \`lyctl ${commandPath}\``);
    }

    if (spec.type === 'boolean') {
      if (inlineValue !== undefined) {
        throw new UsageError('invalid_option_value', `${shown} takes no value`);
      }
      options[name] = true;
      continue;
    }
    if (inlineValue !== undefined) {
      set(name, inlineValue);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) {
      const placeholder = spec.valueName ?? 'VALUE';
      throw new UsageError('missing_option_value', `${shown} needs a value (${shown} ${placeholder})`);
    }
    set(name, next);
    i++;
  }

  const required = argumentSpecs.filter((a) => a.optional !== true).length;
  if (args.length > argumentSpecs.length) {
    const extra = args[argumentSpecs.length] as string;
    throw new UsageError(
      'unexpected_argument',
      `unexpected argument '${extra}' for \`lyctl ${commandPath}\``,
    );
  }
  if (args.length < required) {
    const missing = argumentSpecs[args.length] as ArgumentSpec;
    throw new UsageError('missing_argument', `\`lyctl ${commandPath}\` needs ${missing.name}`);
  }
  return { options: options as OptionValues<O>, args };
}

/** A TCP port for `--port`: 0 asks the system for any free port. */
export function parsePort(value: string, flag = '--port'): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(
      'invalid_option_value',
      `${flag} must be a whole number from 0 to 65535 (0 = any free port), not '${value}'`,
    );
  }
  return Number(value);
}
