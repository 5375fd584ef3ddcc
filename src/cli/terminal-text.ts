/**
 * Text from an API (names, messages) or from files reaches the terminal through lyctl, and a terminal
 * obeys control characters: an ESC sequence in a key's name can recolour, retitle or rewrite the screen
 * (and on some terminals answer back), a bidi override can make a line read differently from its bytes.
 * Every line lyctl prints passes `terminalSafe`; data it lays out in columns passes `terminalSafeCell`.
 *
 * Escapes are written `\u001b`: readable, and valid inside JSON strings with the same meaning, so
 * `--json` output stays JSON that parses to the same value.
 */

/** C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), line and paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// As above, but a line may hold its own newlines and tabs.
const UNSAFE_IN_LINE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A line as lyctl writes it: its own newlines and tabs (help text, tables) kept, every other control escaped. */
export function terminalSafe(line: string): string {
  return line.replace(UNSAFE_IN_LINE, escape);
}

/** One value in a table or a sentence: newlines and tabs escaped too, so a value cannot forge a line or a column. */
export function terminalSafeCell(value: string): string {
  return value.replace(UNSAFE, escape);
}
