import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeFileFailure, fileErrorInWords } from '../../src/files/file-error-words';

/** The error a real read of `file` throws. */
function readFailure(file: string): unknown {
  try {
    fs.readFileSync(file);
  } catch (err) {
    return err;
  }
  throw new Error(`${file} was readable`);
}

describe('file errors in words', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-words-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says "no such file" for a missing file', () => {
    expect(fileErrorInWords(readFailure(path.join(dir, 'missing.pem')))).toBe('no such file');
  });

  it('says what a directory is', () => {
    expect(fileErrorInWords(readFailure(dir))).toBe('it is a directory, not a file');
  });

  it('says when a part of the path is a file', () => {
    const file = path.join(dir, 'plain');
    fs.writeFileSync(file, 'x');
    expect(fileErrorInWords(readFailure(path.join(file, 'below')))).toBe(
      'a part of the path is not a directory',
    );
  });

  it('falls back to the message for a failure it has no words for', () => {
    expect(fileErrorInWords(Object.assign(new Error('something odd'), { code: 'EWHATEVER' }))).toBe(
      'something odd',
    );
    expect(fileErrorInWords(undefined)).toBe('cannot be read');
  });
});

describe('file failures as a sentence', () => {
  it('names the action and the file', () => {
    const missing = path.join(os.tmpdir(), 'file-words-none', 'x.pem');
    expect(describeFileFailure(readFailure(missing))).toBe(`cannot open ${missing}: no such file`);
  });

  it('is undefined for errors that are not about a file', () => {
    expect(describeFileFailure(new Error('boom'))).toBeUndefined();
    expect(describeFileFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});
