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

const ACTIONS: Readonly<Record<string, string>> = {
  open: 'cannot open',
  read: 'cannot read',
  write: 'cannot write',
  mkdir: 'cannot create the directory',
  rmdir: 'cannot remove the directory',
  scandir: 'cannot list',
  unlink: 'cannot remove',
  rename: 'cannot move',
  chmod: 'cannot change the permissions of',
  copyfile: 'cannot copy',
  stat: 'cannot find',
  lstat: 'cannot find',
  access: 'cannot access',
};

/**
 * A failed file-system call as one sentence, `cannot open /x/y.pem: no such file`, when `err` is one (Node's
 * errors carry `syscall` and `path`); undefined for anything else.
 */
export function describeFileFailure(err: unknown): string | undefined {
  const { code, syscall, path } = (err ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof code !== 'string' || WORDS[code] === undefined || typeof path !== 'string') return undefined;
  const action = (typeof syscall === 'string' && ACTIONS[syscall]) || 'cannot use';
  return `${action} ${path}: ${fileErrorInWords(err)}`;
}
