import { resolveDataDir } from '../../src/cli/data-dir';

describe('resolveDataDir', () => {
  it('defaults to ./.lightyear under the working directory', () => {
    expect(resolveDataDir(undefined, {}, '/home/me/project')).toBe('/home/me/project/.lightyear');
  });

  it('takes LIGHTYEAR_HOME, relative to the working directory if relative', () => {
    expect(resolveDataDir(undefined, { LIGHTYEAR_HOME: '/srv/ly' }, '/p')).toBe('/srv/ly');
    expect(resolveDataDir(undefined, { LIGHTYEAR_HOME: 'state' }, '/p')).toBe('/p/state');
    expect(resolveDataDir(undefined, { LIGHTYEAR_HOME: '' }, '/p')).toBe('/p/.lightyear');
  });

  it('prefers --data over LIGHTYEAR_HOME', () => {
    expect(resolveDataDir('d', { LIGHTYEAR_HOME: '/srv/ly' }, '/p')).toBe('/p/d');
  });
});
