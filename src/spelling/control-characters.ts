/**
 * Characters that must never reach a stored name, label or description: C0 controls (NUL, ESC, tab, line
 * breaks), DEL, C1 controls, and the Unicode line and paragraph separators. ESC sequences recolour or
 * rewrite a terminal that prints the name; NUL truncates it in C-based tools; the rest break lines in logs.
 */
export function isControlCharacter(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
};

/** The first control character of `text` and where it is, or undefined. One pass, no regex. */
export function findControlCharacter(
  text: string,
): { readonly code: number; readonly index: number } | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (isControlCharacter(code)) return { code, index };
  }
  return undefined;
}

/** `U+001B (ESC)`: how a reason names a character that cannot be shown as itself. */
export function describeCharacter(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  return name === undefined ? hex : `${hex} (${name})`;
}

/** The reason for refusing `text`, or undefined when it holds no control character. */
export function controlCharacterReason(text: string): string | undefined {
  const found = findControlCharacter(text);
  if (found === undefined) return undefined;
  return `must not contain control characters such as NUL, ESC, tabs or line breaks (found ${describeCharacter(found.code)} at position ${found.index + 1})`;
}
