import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDataDirUpwards, resolveDataDir } from '../../src/cli/data-dir';

let scratch: string;

beforeEach(() => {
  // realpath: on macOS the temp directory is reached through a symlink.
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-data-dir-')));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('resolveDataDir', () => {
  it('defaults to ./.lightyear under the working directory when none exists above it', () => {
    const project = path.join(scratch, 'project');
    fs.mkdirSync(project);
    expect(resolveDataDir(undefined, {}, project)).toBe(path.join(project, '.lightyear'));
  });

  it('finds the nearest .lightyear upwards, the way git finds .git', () => {
    const stack = path.join(scratch, 'project', 'infra', 'dns');
    fs.mkdirSync(stack, { recursive: true });
    fs.mkdirSync(path.join(scratch, '.lightyear'));
    expect(resolveDataDir(undefined, {}, stack)).toBe(path.join(scratch, '.lightyear'));
    fs.mkdirSync(path.join(scratch, 'project', '.lightyear'));
    expect(resolveDataDir(undefined, {}, stack)).toBe(path.join(scratch, 'project', '.lightyear'));
    expect(resolveDataDir(undefined, {}, path.join(scratch, 'project'))).toBe(
      path.join(scratch, 'project', '.lightyear'),
    );
  });

  it('passes over a file named .lightyear', () => {
    const project = path.join(scratch, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, '.lightyear'), '');
    fs.mkdirSync(path.join(scratch, '.lightyear'));
    expect(findDataDirUpwards(project)).toBe(path.join(scratch, '.lightyear'));
  });

  it('takes LIGHTYEAR_HOME over the upward search, relative to the working directory if relative', () => {
    fs.mkdirSync(path.join(scratch, '.lightyear'));
    expect(resolveDataDir(undefined, { LIGHTYEAR_HOME: '/srv/ly' }, scratch)).toBe('/srv/ly');
    expect(resolveDataDir(undefined, { LIGHTYEAR_HOME: 'state' }, scratch)).toBe(path.join(scratch, 'state'));
    expect(resolveDataDir(undefined, { LIGHTYEAR_HOME: '' }, scratch)).toBe(path.join(scratch, '.lightyear'));
  });

  it('prefers --data over LIGHTYEAR_HOME and the upward search', () => {
    fs.mkdirSync(path.join(scratch, '.lightyear'));
    expect(resolveDataDir('d', { LIGHTYEAR_HOME: '/srv/ly' }, scratch)).toBe(path.join(scratch, 'd'));
  });
});
