import { shellQuote } from './shell-quote';

/**
 * How a person runs lyctl wherever it prints a hint: it is installed in a project's node_modules, not on the
 * PATH, so a bare `lyctl` in a hint would be "command not found" (or, outside the project, npx asking the
 * public registry for an unrelated package).
 */
export const LYCTL = 'npx lyctl';

/**
 * A lyctl command line to suggest. `dataDir` is the data directory the user named with `--data`: the hint
 * must name it too, or it would act on the directory lyctl finds by itself instead.
 */
export function lyctlHint(command: string, dataDir?: string): string {
  return `${LYCTL} ${command}${dataDir === undefined ? '' : ` --data ${shellQuote(dataDir)}`}`;
}

/** The line that points a shell at the local cloud. */
export function envHint(dataDir?: string): string {
  return `eval "$(${lyctlHint('local env', dataDir)})"`;
}
