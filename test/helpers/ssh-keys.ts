/**
 * OpenSSH public keys for tests, generated with node:crypto and encoded here independently of the
 * cloud's parser (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4), so tests can check the cloud's output
 * against values it did not compute itself.
 *
 *   const key = generateSshPublicKey('ed25519', { comment: 'me@laptop' });
 *   key.line        // 'ssh-ed25519 AAAAC3Nz... me@laptop'
 *   key.fingerprint // 'SHA256:...' as `ssh-keygen -lf` prints it
 */
import { createHash, generateKeyPairSync } from 'node:crypto';

export type SshKeyKind = 'ed25519' | 'rsa' | 'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521';

export interface GeneratedSshKey {
  /** The OpenSSH type name, e.g. `ecdsa-sha2-nistp256`. */
  readonly type: string;
  /** The wire-format key blob. */
  readonly blob: Buffer;
  /** `type base64 [comment]`, as in a `.pub` file. */
  readonly line: string;
  /** `SHA256:` + unpadded base64 of SHA-256(blob). */
  readonly fingerprint: string;
}

const ECDSA = {
  'ecdsa-p256': { curve: 'P-256', name: 'nistp256' },
  'ecdsa-p384': { curve: 'P-384', name: 'nistp384' },
  'ecdsa-p521': { curve: 'P-521', name: 'nistp521' },
} as const;

/** A fresh key pair's public half in OpenSSH form. RSA defaults to 2048 bits. */
export function generateSshPublicKey(
  kind: SshKeyKind,
  options: { comment?: string; rsaBits?: number } = {},
): GeneratedSshKey {
  let type: string;
  let blob: Buffer;
  if (kind === 'ed25519') {
    const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    type = 'ssh-ed25519';
    blob = Buffer.concat([sshString(type), sshString(fromBase64Url(jwk.x))]);
  } else if (kind === 'rsa') {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: options.rsaBits ?? 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    type = 'ssh-rsa';
    blob = Buffer.concat([sshString(type), sshMpint(fromBase64Url(jwk.e)), sshMpint(fromBase64Url(jwk.n))]);
  } else {
    const { curve, name } = ECDSA[kind];
    const jwk = generateKeyPairSync('ec', { namedCurve: curve }).publicKey.export({ format: 'jwk' });
    type = `ecdsa-sha2-${name}`;
    const point = Buffer.concat([Buffer.from([0x04]), fromBase64Url(jwk.x), fromBase64Url(jwk.y)]);
    blob = Buffer.concat([sshString(type), sshString(name), sshString(point)]);
  }
  return { type, blob, line: openSshLine(type, blob, options.comment), fingerprint: fingerprintOf(blob) };
}

/** `type base64 [comment]` for a blob, e.g. a deliberately malformed one. */
export function openSshLine(type: string, blob: Buffer, comment?: string): string {
  return [type, blob.toString('base64'), ...(comment === undefined ? [] : [comment])].join(' ');
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** SSH `string`: uint32 big-endian length, then the bytes. */
export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** SSH `mpint` of a non-negative big-endian magnitude: a 0x00 is prepended when the high bit is set. */
export function sshMpint(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const trimmed = magnitude.subarray(start);
  const first = trimmed[0] ?? 0;
  return sshString(first & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function fromBase64Url(value: string | undefined): Buffer {
  if (value === undefined) throw new Error('the exported JWK lacks a field');
  return Buffer.from(value, 'base64url');
}
