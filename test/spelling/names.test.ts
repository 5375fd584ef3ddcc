import {
  NAME_MAX_LENGTH,
  NameError,
  canonicalName,
  nameProblem,
  sameName,
  surroundingBlanksProblem,
} from '../../src/spelling/names';

describe('canonicalName', () => {
  it('trims surrounding blanks and line breaks, as the API does', () => {
    expect(canonicalName('  laptop  ')).toBe('laptop');
    expect(canonicalName('laptop\n')).toBe('laptop');
    expect(canonicalName('\tmy laptop ')).toBe('my laptop');
  });

  it('keeps Unicode that is not a control character', () => {
    expect(canonicalName('Zürich – prod ☁')).toBe('Zürich – prod ☁');
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000 (NUL)'],
    ['ESC', '\u001b[2Jwiped', 'U+001B (ESC)'],
    ['a tab inside', 'a\tb', 'U+0009 (tab)'],
    ['DEL', 'a\u007fb', 'U+007F (DEL)'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['U+2028', 'a\u2028b', 'U+2028 (line separator)'],
    ['U+2029', 'a\u2029b', 'U+2029 (paragraph separator)'],
  ])('refuses %s and names it with its position', (_case, text, shown) => {
    expect(() => canonicalName(text)).toThrow(NameError);
    expect(() => canonicalName(text)).toThrow(`found ${shown} at position`);
  });

  it('refuses empty and blank names, and counts the limit after trimming', () => {
    expect(() => canonicalName('')).toThrow('must not be empty or only blanks');
    expect(() => canonicalName('   ')).toThrow('must not be empty or only blanks');
    expect(canonicalName(` ${'x'.repeat(NAME_MAX_LENGTH)} `)).toHaveLength(NAME_MAX_LENGTH);
    expect(() => canonicalName('x'.repeat(NAME_MAX_LENGTH + 2))).toThrow('shorten it by 2');
  });

  it('takes other limits, such as a description that may be empty', () => {
    expect(canonicalName('  ', { min: 0, max: 1024 })).toBe('');
    expect(() => canonicalName('abcdef', { max: 5 })).toThrow('must be at most 5 characters (it has 6)');
  });
});

describe('nameProblem', () => {
  it('is undefined for an acceptable name and a reason with a fix otherwise', () => {
    expect(nameProblem(' laptop ')).toBeUndefined();
    expect(nameProblem('lap\u001btop')).toEqual({
      code: 'invalid_name',
      reason: expect.stringContaining('must not contain control characters'),
      fix: 'remove the character, or replace it with a space',
    });
  });
});

describe('sameName', () => {
  it('treats a padded spelling as the same name', () => {
    expect(sameName(' laptop ', 'laptop')).toBe(true);
    expect(sameName('laptop\n', 'laptop')).toBe(true);
  });

  it('keeps case and inner blanks significant', () => {
    expect(sameName('Laptop', 'laptop')).toBe(false);
    expect(sameName('my  laptop', 'my laptop')).toBe(false);
  });

  it('never equates a refused name with an accepted one', () => {
    expect(sameName('lap\u0000top', 'laptop')).toBe(false);
    expect(sameName('lap\u0000top', 'lap\u0000top')).toBe(true);
  });
});

describe('surroundingBlanksProblem', () => {
  it('reports what the API would trim, with the trimmed spelling as the fix', () => {
    expect(surroundingBlanksProblem('laptop')).toBeUndefined();
    expect(surroundingBlanksProblem(' laptop ')).toEqual({
      code: 'name_surrounding_blanks',
      reason: 'starts or ends with blanks, which the API trims',
      fix: 'write "laptop"',
    });
  });
});
