import { terminalSafe, terminalSafeCell } from '../../src/cli/terminal-text';

describe('terminalSafe', () => {
  it('keeps the line’s own newlines and tabs and printable text, escapes every other control', () => {
    expect(terminalSafe('a\tb\nc é ✓')).toBe('a\tb\nc é ✓');
    expect(terminalSafe('\u001b[31mred\u001b[0m\r\u0000\u007f\u0085\u009b\u2028\u202e\u2066')).toBe(
      '\\u001b[31mred\\u001b[0m\\u000d\\u0000\\u007f\\u0085\\u009b\\u2028\\u202e\\u2066',
    );
  });
});

describe('terminalSafeCell', () => {
  it('escapes newlines and tabs as well', () => {
    expect(terminalSafeCell('a\tb\nc')).toBe('a\\u0009b\\u000ac');
  });
});
