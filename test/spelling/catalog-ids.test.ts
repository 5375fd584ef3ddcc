import { CatalogIdError, canonicalCatalogId, judge, sameCatalogId } from '../../src/spelling';

describe('catalog ids', () => {
  it.each([
    ['ams', 'ams'],
    ['AMS', 'ams'],
    [' ams \n', 'ams'],
    ['VC2-1C-1GB', 'vc2-1c-1gb'],
    ['Ubuntu-24.04', 'ubuntu-24.04'],
  ])('reads %j as %j', (text, id) => {
    expect(canonicalCatalogId(text)).toBe(id);
  });

  it.each(['', '   ', 'ams fra', 'ams/1', 'ämš'])('refuses %j with a reason', (text) => {
    expect(() => canonicalCatalogId(text)).toThrow(CatalogIdError);
    const verdict = judge(() => canonicalCatalogId(text));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem.code).toBe('invalid_catalog_id');
  });

  it('compares spellings by meaning, and a refused spelling only to itself', () => {
    expect(sameCatalogId('AMS', ' ams')).toBe(true);
    expect(sameCatalogId('ams', 'fra')).toBe(false);
    expect(sameCatalogId('a b', 'a b')).toBe(true);
    expect(sameCatalogId('a b', 'A B')).toBe(false);
  });
});
