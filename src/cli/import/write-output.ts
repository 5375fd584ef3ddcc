import fs from 'node:fs';
import path from 'node:path';
import { fileErrorInWords } from '../../files/file-error-words';
import { ImportWriteError } from './errors';
import { GENERATED_MARK, type OutputFile } from './render-hcl';

/**
 * Writes the files into `dir` (created if needed). A file there that lyctl import did not write is left
 * alone and the whole write refused before anything changes: it is the user's work. Files it wrote before
 * are replaced, so running the import again brings the output up to date.
 */
export function writeOutput(dir: string, files: readonly OutputFile[]): string[] {
  for (const file of files) {
    const target = path.join(dir, file.name);
    let existing: string | undefined;
    try {
      existing = fs.readFileSync(target, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new ImportWriteError(target, fileErrorInWords(err));
    }
    if (existing !== undefined && !existing.slice(0, 1000).includes(GENERATED_MARK))
      throw new ImportWriteError(
        target,
        'it exists and was not written by lyctl import; choose another --out',
      );
  }
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.name);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(target, file.text);
    } catch (err) {
      throw new ImportWriteError(target, fileErrorInWords(err));
    }
    written.push(target);
  }
  return written;
}
