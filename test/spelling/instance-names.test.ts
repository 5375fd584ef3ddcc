import {
  checkInstanceTag,
  instanceTagProblem,
  normalizeInstanceHostname,
  sameInstanceHostname,
} from '../../src/spelling';

describe('instance host names', () => {
  it('accepts one label or several, in any case, with or without the trailing dot', () => {
    expect(normalizeInstanceHostname('web-1')).toBe('web-1');
    expect(normalizeInstanceHostname('Web-1.Example.COM.')).toBe('web-1.example.com');
    expect(sameInstanceHostname('WEB-1.', 'web-1')).toBe(true);
    expect(sameInstanceHostname('web-1', 'web-2')).toBe(false);
  });

  it('refuses what the API refuses, with the reason', () => {
    expect(() => normalizeInstanceHostname('web_1')).toThrow(/letters, digits and hyphens/);
    expect(() => normalizeInstanceHostname('-web')).toThrow(/hyphen/);
    expect(() => normalizeInstanceHostname('')).toThrow(/empty/);
    expect(() => normalizeInstanceHostname(`${'a'.repeat(64)}`)).toThrow(/limit is 63/);
    expect(sameInstanceHostname('web_1', 'web_1')).toBe(true);
    expect(sameInstanceHostname('web_1', 'WEB_1')).toBe(false);
  });
});

describe('instance tags', () => {
  it("accepts the API's alphabet, case-sensitively as written", () => {
    expect(checkInstanceTag('managed-by:terraform')).toBe('managed-by:terraform');
    expect(checkInstanceTag('Env=prod/eu_1.a')).toBe('Env=prod/eu_1.a');
    expect(instanceTagProblem('web')).toBeUndefined();
  });

  it('refuses a bad tag with a reason and, for spaces, a fix', () => {
    expect(instanceTagProblem('')?.reason).toMatch(/empty/);
    expect(instanceTagProblem('-x')?.reason).toMatch(/start with a letter or digit/);
    expect(instanceTagProblem('two words')?.fix).toMatch(/instead of spaces/);
    expect(instanceTagProblem('x'.repeat(65))?.reason).toMatch(/at most 64/);
  });
});
