import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The data directory holds a `*` API key (`bootstrap-key`), the database with every webhook signing key,
 * and the TLS private key: it is a credential store, so only its owner may enter it or read anything in it.
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;

/** A data directory that cannot be made private: owned by another user, or not a directory at all. */
export class UnsafeDataDirectoryError extends Error {
  readonly code = 'unsafe_data_directory';

  constructor(message: string) {
    super(message);
    this.name = 'UnsafeDataDirectoryError';
  }
}

/**
 * Creates `dir` with mode 0700, or makes an existing one private: a directory others can enter is
 * tightened to 0700 and every file directly in it that others can read to 0600, each change reported
 * through `note`. Tightening rather than refusing: the directory is the caller's own, and refusing would
 * only make them type the same chmod by hand. A directory owned by another user is refused: whoever owns
 * it can read what is written there, and its mode is not ours to change.
 */
export function ensurePrivateDirectory(dir: string, note: (line: string) => void = () => undefined): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) throw new UnsafeDataDirectoryError(`${dir} is not a directory.`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new UnsafeDataDirectoryError(
      `${dir} belongs to another user (uid ${stat.uid}); use a data directory of your own.`,
    );
  }
  if ((stat.mode & 0o077) !== 0) {
    fs.chmodSync(dir, PRIVATE_DIRECTORY_MODE);
    note(
      `The data directory ${dir} was open to other users (mode ${octal(stat.mode)}); it holds API keys, ` +
        'so it is now 0700.',
    );
  }
  const loosened: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    const mode = fs.lstatSync(file).mode;
    if ((mode & 0o077) === 0) continue;
    fs.chmodSync(file, mode & 0o700);
    loosened.push(entry.name);
  }
  if (loosened.length > 0) {
    note(`Files in ${dir} were readable by other users and are now private: ${loosened.join(', ')}.`);
  }
}

/**
 * Writes `content` to `target` with mode 0600 through a temporary file and a rename, so a reader never
 * sees half a file. The temporary name is random and opened exclusively without following links: a link
 * planted at a predictable name cannot redirect the write (or its mode) to another file.
 */
export function writePrivateFileAtomically(target: string, content: string | Buffer): void {
  const temporary = `${target}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, PRIVATE_FILE_MODE);
  try {
    // The umask may only narrow the mode given to open; set it exactly.
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, target);
}

/**
 * Makes sure `file` exists with mode 0600 before a library (SQLite) opens it with its own default mode.
 * A new file is created exclusively, never through a link; an existing one is narrowed to 0600.
 */
export function ensurePrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (fs.lstatSync(file).isSymbolicLink()) {
    throw new UnsafeDataDirectoryError(`${file} is a symbolic link; the cloud only writes real files.`);
  }
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}
