import { isControlCharacter } from '../../spelling/control-characters';
import { ObjectExpression, Reference, type BlockExpression, type Expression } from './expression';

/**
 * HCL text for the generated configuration, laid out as `terraform fmt` lays it out (two-space indents,
 * `=` aligned over consecutive one-line arguments), so running `terraform fmt` on the output changes nothing.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A quoted HCL string that means exactly `text`: quotes, backslashes and control characters escaped, and
 * `${` / `%{` doubled so a value holding them is not read as an interpolation or a template directive.
 */
export function hclString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && next === '{') out += ch + ch;
    else if (isControlCharacter(ch.charCodeAt(0)))
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
function hclKey(key: string): string {
  return IDENTIFIER.test(key) ? key : hclString(key);
}

function hclNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} in HCL`);
  return String(n);
}

/** The expression's lines; the first continues the line it starts on, the others are indented by `indent`. */
export function hclExpression(value: Expression, indent = ''): string[] {
  if (typeof value === 'string') return [hclString(value)];
  if (typeof value === 'number') return [hclNumber(value)];
  if (typeof value === 'boolean') return [String(value)];
  if (value instanceof Reference) return [value.address];
  if (value instanceof ObjectExpression) {
    if (value.members.size === 0) return ['{}'];
    return ['{', ...bodyLines(value, `${indent}  `), `${indent}}`];
  }
  const items = value.map((item) => hclExpression(item, `${indent}  `));
  if (items.every((lines) => lines.length === 1)) {
    const oneLine = `[${items.map((lines) => lines[0]).join(', ')}]`;
    if (oneLine.length + indent.length <= 100) return [oneLine];
  }
  const lines = ['['];
  for (const item of items) {
    lines.push(`${indent}  ${item[0]}`, ...item.slice(1));
    lines[lines.length - 1] += ',';
  }
  lines.push(`${indent}]`);
  return lines;
}

/** `key = value` lines of an object or block body, `=` aligned across runs of one-line arguments. */
export function bodyLines(
  body: ObjectExpression,
  indent: string,
  blocks: readonly BlockExpression[] = [],
): string[] {
  const entries = [...body.members].map(([key, value]) => ({
    key: hclKey(key),
    lines: hclExpression(value, indent),
  }));
  const out: string[] = [];
  let run: typeof entries = [];
  const flush = (): void => {
    const width = Math.max(...run.map((e) => e.key.length));
    for (const e of run) out.push(`${indent}${e.key.padEnd(width)} = ${e.lines[0]}`);
    run = [];
  };
  for (const entry of entries) {
    if (entry.lines.length === 1) {
      run.push(entry);
      continue;
    }
    // terraform fmt aligns only runs of one-line arguments: a multi-line one ends the run and is not padded.
    if (run.length > 0) flush();
    out.push(`${indent}${entry.key} = ${entry.lines[0]}`, ...entry.lines.slice(1));
  }
  if (run.length > 0) flush();
  for (const block of blocks) {
    for (const item of block.items) {
      out.push('', `${indent}${block.name} {`, ...bodyLines(item, `${indent}  `), `${indent}}`);
    }
  }
  return out;
}

/** `# line` comments; each line of a multi-line note gets its own `#`. */
export function hclComments(notes: readonly string[], indent = ''): string[] {
  return notes.flatMap((note) => note.split('\n').map((line) => `${indent}# ${line}`.trimEnd()));
}
