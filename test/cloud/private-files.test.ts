import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrivateDirectory, writePrivateFileAtomically } from '../../src/cloud/private-files';

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(tmpdir(), 'ly-private-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

const modeOf = (file: string) => (fs.lstatSync(file).mode & 0o777).toString(8);

describe('ensurePrivateDirectory', () => {
  it('creates a missing directory 0700 whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      ensurePrivateDirectory(path.join(scratch, 'new', 'data'));
    } finally {
      process.umask(previous);
    }
    expect(modeOf(path.join(scratch, 'new', 'data'))).toBe('700');
  });

  it('tightens an existing directory and its files that others can read, and says so', () => {
    const dir = path.join(scratch, 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'cloud.db'), '');
    fs.chmodSync(path.join(dir, 'cloud.db'), 0o644);
    fs.writeFileSync(path.join(dir, 'private'), '');
    fs.chmodSync(path.join(dir, 'private'), 0o600);
    const notes: string[] = [];
    ensurePrivateDirectory(dir, (line) => notes.push(line));
    expect(modeOf(dir)).toBe('700');
    expect(modeOf(path.join(dir, 'cloud.db'))).toBe('600');
    expect(notes).toEqual([
      expect.stringMatching(/was open to other users \(mode 0755\).*now 0700/),
      expect.stringMatching(/readable by other users and are now private: cloud\.db\.$/),
    ]);
    notes.length = 0;
    ensurePrivateDirectory(dir, (line) => notes.push(line));
    expect(notes).toEqual([]);
  });
});

describe('writePrivateFileAtomically', () => {
  it('writes 0600 and never through a link planted at the old predictable temporary name', () => {
    const outside = path.join(scratch, 'outside');
    fs.writeFileSync(outside, 'untouched');
    const target = path.join(scratch, 'bootstrap-key');
    fs.symlinkSync(outside, `${target}.${process.pid}.tmp`);
    writePrivateFileAtomically(target, 'secret\n');
    expect(fs.readFileSync(target, 'utf8')).toBe('secret\n');
    expect(modeOf(target)).toBe('600');
    expect(fs.readFileSync(outside, 'utf8')).toBe('untouched');
  });
});
