/**
 * A failed file operation in words a person reads ("no such file"), for messages that name the file
 * themselves. Node's own messages lead with the code (`ENOENT: no such file or directory, open '...'`),
 * which users of lyctl and the provider should not have to decode.
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  EIO: 'input/output error',
};

/** `no such file`, `permission denied`, ...; for an unknown failure, Node's message without the path. */
export function fileErrorInWords(err: unknown): string {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && WORDS[code] !== undefined) return WORDS[code];
  if (typeof message === 'string' && message !== '') return message.replace(/, \w+ '.*'$/, '');
  return 'cannot be read';
}
