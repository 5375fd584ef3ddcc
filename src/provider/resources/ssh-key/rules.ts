import type { Value } from '../../protocol/values';

/** What can be judged of an SSH public key offline, at validate time. */
export function checkPublicKey(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.includes('PRIVATE KEY'))
    return 'this is a private key: give the public half instead (the .pub file beside it, e.g. file("~/.ssh/id_ed25519.pub"))';
  if (/[\r\n]/.test(text)) return 'public_key must be one OpenSSH public key on one line';
  if (!/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=*( |$)/.test(text))
    return 'public_key must start with ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521 and its base64 body';
  return undefined;
}

export function checkSshKeyName(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  if (name.length === 0) return 'name must not be empty';
  if (name.length > 255) return `name must be at most 255 characters (it has ${name.length})`;
  return undefined;
}

/** Same key type, same key bytes, same comment: spelled differently at most (white space, base64 padding). */
export function samePublicKey(a: Value, b: Value): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const pa = parts(a);
  const pb = parts(b);
  return (
    pa.body.length > 0 &&
    pa.type === pb.type &&
    pa.comment === pb.comment &&
    Buffer.from(pa.body, 'base64').equals(Buffer.from(pb.body, 'base64'))
  );
}

function parts(key: string): { type: string; body: string; comment: string } {
  const [type = '', body = '', ...comment] = key.trim().split(/\s+/);
  return { type, body, comment: comment.join(' ') };
}
