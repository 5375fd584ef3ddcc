import { terminalSafeCell } from '../terminal-text';

/** One column of a table: its header and how a cell is read from a row. */
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null | undefined | readonly string[];
}

/** A cell as text: lists joined with commas, nothing as `-`, so every column has something to align on. */
export function cellText(value: ReturnType<Column<unknown>['value']>): string {
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.join(',');
  return String(value);
}

/**
 * Rows laid out for people: a header line, columns padded to their widest cell and two spaces apart, no
 * trailing spaces. Every cell is escaped (terminal-text.ts), so a name holding a newline or a tab cannot
 * forge a row or shift a column. Widths count code points, which is right for the ids, addresses and plain
 * names this prints; wide (CJK) characters may misalign a column, never the content.
 */
export function formatTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string[] {
  const cells = rows.map((row) => columns.map((column) => terminalSafeCell(cellText(column.value(row)))));
  const headers = columns.map((column) => column.header);
  const widths = headers.map((header, i) =>
    Math.max(length(header), ...cells.map((row) => length(row[i] as string))),
  );
  return [headers, ...cells].map((line) =>
    line
      .map((cell, i) => cell + ' '.repeat((widths[i] as number) - length(cell)))
      .join('  ')
      .trimEnd(),
  );
}

/** One object as `FIELD  value` lines, for `show`. */
export function formatFields<T>(columns: readonly Column<T>[], row: T): string[] {
  const width = Math.max(...columns.map((column) => length(column.header)));
  return columns.map((column) =>
    `${column.header.padEnd(width)}  ${terminalSafeCell(cellText(column.value(row)))}`.trimEnd(),
  );
}

function length(text: string): number {
  return [...text].length;
}
