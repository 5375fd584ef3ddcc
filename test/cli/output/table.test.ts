import { cellText, formatFields, formatTable, type Column } from '../../../src/cli/output/table';

interface Row {
  id: string;
  name: string | null;
  tags: string[];
  size: number;
}

const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'NAME', value: (r) => r.name },
  { header: 'TAGS', value: (r) => r.tags },
  { header: 'SIZE', value: (r) => r.size },
];

describe('formatTable', () => {
  it('pads every column to its widest cell, two spaces apart, without trailing spaces', () => {
    const lines = formatTable(columns, [
      { id: 'inst_1', name: 'web', tags: ['a', 'b'], size: 10 },
      { id: 'inst_22', name: 'database-primary', tags: [], size: 2000 },
    ]);
    expect(lines).toEqual([
      'ID       NAME              TAGS  SIZE',
      'inst_1   web               a,b   10',
      'inst_22  database-primary  -     2000',
    ]);
  });

  it('prints only the header for no rows', () => {
    expect(formatTable(columns, [])).toEqual(['ID  NAME  TAGS  SIZE']);
  });

  it('escapes a newline or tab in a cell, so it cannot forge a row or a column', () => {
    const lines = formatTable(columns, [{ id: 'x', name: 'a\nfake\trow', tags: [], size: 1 }]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('x   a\\u000afake\\u0009row  -     1');
  });

  it('counts characters, not UTF-16 units, when padding', () => {
    // Two code points, four UTF-16 units: padded as two.
    const lines = formatTable(columns, [{ id: 'x', name: '𝐀𝐁', tags: [], size: 1 }]);
    expect(lines[1]).toBe('x   𝐀𝐁    -     1');
  });
});

describe('cellText', () => {
  it('writes nothing as -, lists with commas, the rest as text', () => {
    expect(cellText(null)).toBe('-');
    expect(cellText(undefined)).toBe('-');
    expect(cellText('')).toBe('-');
    expect(cellText([])).toBe('-');
    expect(cellText(['x', 'y'])).toBe('x,y');
    expect(cellText(false)).toBe('false');
    expect(cellText(0)).toBe('0');
  });
});

describe('formatFields', () => {
  it('lays one object out as aligned FIELD value lines', () => {
    expect(formatFields(columns, { id: 'inst_1', name: null, tags: ['t'], size: 3 })).toEqual([
      'ID    inst_1',
      'NAME  -',
      'TAGS  t',
      'SIZE  3',
    ]);
  });
});
