import { NameAllocator, identifierFrom } from '../../../src/cli/import/names';

describe('identifierFrom', () => {
  it.each([
    ['web', 'web'],
    ['Web Server #1', 'web_server_1'],
    ['  --db--  ', 'db'],
    ['café.example.COM', 'cafe_example_com'],
    ['A www example.com', 'a_www_example_com'],
    ['A @ example.com', 'a_example_com'],
  ])('%j → %s', (text, expected) => {
    expect(identifierFrom(text, 'server')).toBe(expected);
  });

  it('prefixes a name that would start with a digit', () => {
    expect(identifierFrom('1st', 'server')).toBe('server_1st');
  });

  it('falls back when nothing usable is left', () => {
    expect(identifierFrom('', 'snapshot')).toBe('snapshot');
    expect(identifierFrom('😀 !!', 'ssh_key')).toBe('ssh_key');
  });

  it('always gives a valid Terraform resource name', () => {
    for (const text of ['', '9', '-', 'x y', '__a__', 'Ünïcödé', '\u001b[31mred']) {
      expect(identifierFrom(text, 'k')).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
  });
});

describe('NameAllocator', () => {
  it('numbers repeats within a type, not across types', () => {
    const names = new NameAllocator();
    expect(names.take('lightyear_instance', 'web', 'server')).toBe('web');
    expect(names.take('lightyear_instance', 'Web', 'server')).toBe('web_2');
    expect(names.take('lightyear_instance', 'web!', 'server')).toBe('web_3');
    expect(names.take('lightyear_firewall', 'web', 'firewall')).toBe('web');
  });

  it('does not hand out a numbered name another object already has', () => {
    const names = new NameAllocator();
    expect(names.take('t', 'web_2', 'x')).toBe('web_2');
    expect(names.take('t', 'web', 'x')).toBe('web');
    expect(names.take('t', 'web', 'x')).toBe('web_3');
  });
});
