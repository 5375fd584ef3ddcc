import { SpellingError, judge, sameCanonical } from '../../src/spelling/errors';

class ShoutError extends SpellingError {
  readonly code = 'shout';
}

function quiet(text: string): string {
  if (text !== text.toLowerCase())
    throw new ShoutError('must be lower case', `write "${text.toLowerCase()}"`);
  return text.trim();
}

describe('SpellingError', () => {
  it('carries a code, a reason and a fix, and a message that joins them', () => {
    const error = new ShoutError('must be lower case', 'write "a"');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ShoutError');
    expect(error.message).toBe('must be lower case; write "a"');
    expect(new ShoutError('must be lower case').message).toBe('must be lower case');
  });
});

describe('judge', () => {
  it('gives the canonical form or the problem, without throwing', () => {
    expect(judge(() => quiet(' a '))).toEqual({ ok: true, canonical: 'a' });
    expect(judge(() => quiet('A'))).toEqual({
      ok: false,
      problem: { code: 'shout', reason: 'must be lower case', fix: 'write "a"' },
    });
  });

  it('lets errors that are not spelling errors through: they are bugs, not bad input', () => {
    expect(() =>
      judge(() => {
        throw new TypeError('boom');
      }),
    ).toThrow(TypeError);
  });
});

describe('sameCanonical', () => {
  it('compares canonical forms, and a refused spelling only with itself', () => {
    expect(sameCanonical(' a', 'a ', quiet)).toBe(true);
    expect(sameCanonical('a', 'b', quiet)).toBe(false);
    expect(sameCanonical('A', 'a', quiet)).toBe(false);
    expect(sameCanonical('A', 'A', quiet)).toBe(true);
  });
});
