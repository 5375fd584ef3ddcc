import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** An OpenSSH wire string: a 32-bit big-endian length, then the bytes. */
function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function ed25519Raw(
  publicKey: crypto.KeyObject,
  privateKey: crypto.KeyObject,
): { pub: Buffer; seed: Buffer } {
  const pubJwk = publicKey.export({ format: 'jwk' });
  const privJwk = privateKey.export({ format: 'jwk' });
  return { pub: Buffer.from(pubJwk.x!, 'base64url'), seed: Buffer.from(privJwk.d!, 'base64url') };
}

/**
 * A fresh ed25519 key pair in the formats `ssh` uses: the one-line public key and an unencrypted
 * `openssh-key-v1` private key file (what `ssh-keygen -t ed25519 -N ''` writes).
 */
export function generateEd25519KeyPair(comment: string): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const { pub, seed } = ed25519Raw(publicKey, privateKey);
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = crypto.randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    count,
    sshString(pubBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    publicKey: `ssh-ed25519 ${pubBlob.toString('base64')} ${comment}`,
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
  };
}

/**
 * The quickstart's key: the public key file named by `LIGHTYEAR_QUICKSTART_PUBLIC_KEY` when set, otherwise a
 * pair kept in `dir` (generated on first run, reused after, so a second deploy plans no change).
 */
export function quickstartPublicKey(dir: string): { publicKey: string; source: string } {
  const given = process.env.LIGHTYEAR_QUICKSTART_PUBLIC_KEY;
  if (given) return { publicKey: fs.readFileSync(given, 'utf8').trim(), source: given };
  const pubPath = path.join(dir, 'id_ed25519.pub');
  if (!fs.existsSync(pubPath)) {
    const pair = generateEd25519KeyPair('lightyear-quickstart');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'id_ed25519'), pair.privateKey, { mode: 0o600 });
    fs.writeFileSync(pubPath, `${pair.publicKey}\n`, { mode: 0o644 });
  }
  return { publicKey: fs.readFileSync(pubPath, 'utf8').trim(), source: pubPath };
}
