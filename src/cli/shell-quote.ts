// Characters a POSIX shell never treats specially in a word; anything else gets single quotes.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes a value for a POSIX shell (sh, bash, zsh), so that `eval "$(lyctl local env)"` sets exactly the bytes
 * given, whatever they contain. Inside single quotes nothing is special except the single quote itself, which
 * is closed, escaped and reopened: `it's` → `'it'\''s'`.
 */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** One `export NAME=value` line. */
export function exportLine(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new TypeError(`not a shell variable name: ${name}`);
  }
  return `export ${name}=${shellQuote(value)}`;
}
