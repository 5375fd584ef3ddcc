import { execFileSync } from 'node:child_process';
import { exportLine, shellQuote } from '../../src/cli/shell-quote';

describe('shellQuote', () => {
  it('leaves plain words alone', () => {
    expect(shellQuote('1')).toBe('1');
    expect(shellQuote('http://127.0.0.1:8787/v1')).toBe('http://127.0.0.1:8787/v1');
    expect(shellQuote('/tmp/a-b_c/terraform.rc')).toBe('/tmp/a-b_c/terraform.rc');
  });

  it('single-quotes anything a shell would interpret', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('round-trips hostile values through a real shell', () => {
    const values = ["it's", '$(touch /tmp/x) `id` $HOME', 'a\nb', '"quoted" \\ back', '*', '~user', '-n'];
    for (const value of values) {
      const printed = execFileSync('/bin/sh', ['-c', `${exportLine('V', value)}; printf '%s' "$V"`], {
        encoding: 'utf8',
      });
      expect(printed).toBe(value);
    }
  });
});

describe('exportLine', () => {
  it('writes one export statement', () => {
    expect(exportLine('CHECKPOINT_DISABLE', '1')).toBe('export CHECKPOINT_DISABLE=1');
    expect(exportLine('LIGHTYEAR_API_KEY', 'ly_a b')).toBe("export LIGHTYEAR_API_KEY='ly_a b'");
  });

  it('refuses names that are not shell variables', () => {
    expect(() => exportLine('A-B', 'x')).toThrow(TypeError);
    expect(() => exportLine('1A', 'x')).toThrow(TypeError);
  });
});
