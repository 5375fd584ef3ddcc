import { createHash, createPublicKey } from 'node:crypto';
import { controlCharacterReason } from './control-characters';
import { SpellingError, sameCanonical } from './errors';
import { PRIVATE_KEY_REASON, isPrivateKey, privateKeyFix } from './ssh-private-key';
import { SshWireFormatError, SshWireReader, bitLength } from './ssh-wire-reader';

export const SUPPORTED_SSH_KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
] as const;
export type SshKeyType = (typeof SUPPORTED_SSH_KEY_TYPES)[number];

export const RSA_MIN_BITS = 2048;
/** OpenSSH refuses larger RSA keys (SSH_RSA_MAXIMUM_MODULUS_SIZE), so a server could never use one. */
export const RSA_MAX_BITS = 16384;

const SUPPORTED_LIST = `ssh-ed25519, ssh-rsa (${RSA_MIN_BITS} bits or more) or ecdsa-sha2-nistp256/384/521`;

/** Why a text is not an acceptable OpenSSH public key; `reason` is written for the person who sent it. */
export class SshPublicKeyError extends SpellingError {
  readonly code: string = 'invalid_ssh_public_key';
}

/** A private key where the public key belongs; `fix` names the public half. */
export class SshPrivateKeyError extends SshPublicKeyError {
  override readonly code: string = 'ssh_private_key';

  constructor(privateKeyPath?: string) {
    super(PRIVATE_KEY_REASON, privateKeyFix(privateKeyPath));
  }
}

export interface SshPublicKey {
  readonly type: SshKeyType;
  /** The decoded key blob: what the fingerprint is computed over and what identifies the key material. */
  readonly blob: Buffer;
  readonly comment: string;
  /** `type base64 [comment]` with single spaces. */
  readonly normalized: string;
  /** `SHA256:` and the unpadded base64 SHA-256 of the blob, exactly as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** Modulus size for RSA, curve size for ECDSA, 256 for Ed25519. */
  readonly bits: number;
}

const CURVES = {
  'ecdsa-sha2-nistp256': { name: 'nistp256', jwkCurve: 'P-256', fieldBytes: 32, bits: 256 },
  'ecdsa-sha2-nistp384': { name: 'nistp384', jwkCurve: 'P-384', fieldBytes: 48, bits: 384 },
  'ecdsa-sha2-nistp521': { name: 'nistp521', jwkCurve: 'P-521', fieldBytes: 66, bits: 521 },
} as const;

const ED25519_KEY_BYTES = 32;
/** The tag of an uncompressed SEC1 point (0x04 || X || Y). */
const SEC1_UNCOMPRESSED = 0x04;

function isSupportedType(type: string): type is SshKeyType {
  return (SUPPORTED_SSH_KEY_TYPES as readonly string[]).includes(type);
}

/**
 * Parses one OpenSSH public key line (`ssh-ed25519 AAAA... comment`), as found in a `.pub` file or
 * `authorized_keys` without options, checking the key material itself rather than only its shape: the
 * blob's inner type must match the line, every field must be present and well-formed, nothing may trail.
 */
export function parseOpenSshPublicKey(input: string): SshPublicKey {
  const text = input.trim();
  refuseOtherFormats(text);
  if (text.includes('\n') || text.includes('\r')) {
    throw new SshPublicKeyError('must be a single line holding one public key (the contents of a .pub file)');
  }
  // Fields are split by hand, one pass over the text: the old single regex backtracked quadratically over a
  // long run of blanks followed by a character `.` does not match (U+2028), and a key is request input.
  const [type, afterType] = nextField(text, 0);
  if (!isSupportedType(type)) throw new SshPublicKeyError(unsupportedTypeReason(type, text));
  const [base64, commentStart] = nextField(text, afterType);
  if (base64 === '') {
    throw new SshPublicKeyError(`has no key data after "${type}"; expected "${type} AAAA... [comment]"`);
  }
  const comment = text.slice(commentStart);
  const control = controlCharacterReason(comment);
  if (control !== undefined) throw new SshPublicKeyError(`has a comment that ${control}`);

  const blob = decodeStrictBase64(base64);
  const bits = checkBlob(type, blob);
  return {
    type,
    blob,
    comment,
    normalized: comment === '' ? `${type} ${base64}` : `${type} ${base64} ${comment}`,
    fingerprint: sshFingerprint(blob),
    bits,
  };
}

/** The canonical line of a key (`type base64 [comment]`, single spaces, no line break). */
export function canonicalPublicKey(input: string): string {
  return parseOpenSshPublicKey(input).normalized;
}

/**
 * Whether two texts are the same public key line: `file("~/.ssh/id_ed25519.pub")` with its trailing newline
 * is the same as the line without it, and a tab between fields the same as a space. A changed comment is a
 * different line (the API stores and returns the comment). Unreadable text equals only itself.
 */
export function samePublicKey(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalPublicKey);
}

/** Whether two texts hold the same key material, whatever their comments say. */
export function sameKeyMaterial(a: string, b: string): boolean {
  return sameCanonical(a, b, (text) => {
    const key = parseOpenSshPublicKey(text);
    return `${key.type} ${key.blob.toString('base64')}`;
  });
}

/**
 * The field starting at `from` (up to the next space or tab) and where the one after it starts (past the
 * blanks that follow). Every character is looked at once.
 */
function nextField(text: string, from: number): [string, number] {
  let end = from;
  while (end < text.length && !isFieldSeparator(text.charCodeAt(end))) end += 1;
  let next = end;
  while (next < text.length && isFieldSeparator(text.charCodeAt(next))) next += 1;
  return [text.slice(from, end), next];
}

/** OpenSSH separates the fields of a key line with spaces and tabs only. */
function isFieldSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** `SHA256:` and the unpadded base64 of SHA-256 over the key blob. */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Things people paste instead of a one-line public key, each with what to do about it. */
function refuseOtherFormats(text: string): void {
  if (text === '') throw new SshPublicKeyError('is empty');
  if (isPrivateKey(text)) throw new SshPrivateKeyError();
  if (/^---- BEGIN SSH2 PUBLIC KEY ----/.test(text)) {
    throw new SshPublicKeyError(
      'is in the RFC 4716 (SSH2) format; convert it with "ssh-keygen -i -f <file>" to the one-line OpenSSH format',
    );
  }
  if (/^-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) {
    throw new SshPublicKeyError(
      'is a PEM public key; convert it with "ssh-keygen -i -m PKCS8 -f <file>" to the one-line OpenSSH format',
    );
  }
}

function unsupportedTypeReason(type: string, text: string): string {
  if (laterFieldIsKeyType(text)) {
    return 'starts with authorized_keys options; send only the key type, the base64 key data and an optional comment';
  }
  if (/^AAAA[A-Za-z0-9+/]+=*$/.test(type)) {
    return `starts with base64 key data; an OpenSSH public key starts with its type, one of ${SUPPORTED_LIST}`;
  }
  if (type.endsWith('-cert-v01@openssh.com')) {
    return `is an OpenSSH certificate; send the plain public key, one of ${SUPPORTED_LIST}`;
  }
  const shown = type.length > 40 ? `${type.slice(0, 40)}...` : type;
  return `has key type ${JSON.stringify(shown)}, which is not supported; use ${SUPPORTED_LIST}`;
}

/** `no-pty ssh-ed25519 AAAA...`: some field after the first is a key type, so the first is an option. */
function laterFieldIsKeyType(text: string): boolean {
  let [, at] = nextField(text, 0);
  while (at < text.length) {
    const [field, next] = nextField(text, at);
    if (isSupportedType(field)) return true;
    at = next;
  }
  return false;
}

function decodeStrictBase64(text: string): Buffer {
  // Node's decoder skips junk silently, so the text must be canonical base64 that round-trips exactly.
  const decoded =
    /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0 ? Buffer.from(text, 'base64') : null;
  if (decoded === null || decoded.toString('base64') !== text) {
    throw new SshPublicKeyError('has key data that is not valid base64');
  }
  return decoded;
}

/** Checks the blob against the declared type and returns the key size in bits. */
function checkBlob(type: SshKeyType, blob: Buffer): number {
  const reader = new SshWireReader(blob);
  try {
    const innerType = reader.readAsciiString('key type');
    if (innerType !== type) {
      throw new SshPublicKeyError(`says "${type}" but its key data holds a "${innerType}" key`);
    }
    const bits = checkFields(type, reader);
    if (reader.remaining > 0) {
      throw new SshPublicKeyError(
        `has ${reader.remaining} unexpected bytes after the end of the ${type} key data`,
      );
    }
    return bits;
  } catch (error) {
    if (error instanceof SshWireFormatError) {
      throw new SshPublicKeyError(`has ${type} key data that is truncated or malformed: it ${error.message}`);
    }
    throw error;
  }
}

function checkFields(type: SshKeyType, reader: SshWireReader): number {
  switch (type) {
    case 'ssh-ed25519':
      return checkEd25519(reader);
    case 'ssh-rsa':
      return checkRsa(reader);
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
      return checkEcdsa(type, reader);
  }
}

function checkEd25519(reader: SshWireReader): number {
  const key = reader.readString('Ed25519 public key');
  if (key.length !== ED25519_KEY_BYTES) {
    throw new SshPublicKeyError(
      `has an Ed25519 public key of ${key.length} bytes; it must be exactly ${ED25519_KEY_BYTES}`,
    );
  }
  return 256;
}

function checkRsa(reader: SshWireReader): number {
  const exponent = reader.readUnsignedMpint('RSA public exponent');
  const modulus = reader.readUnsignedMpint('RSA modulus');
  const exponentIsOdd = ((exponent[exponent.length - 1] ?? 0) & 1) === 1;
  if (!exponentIsOdd || bitLength(exponent) < 2) {
    throw new SshPublicKeyError('has an RSA public exponent that is not an odd number of at least 3');
  }
  const bits = bitLength(modulus);
  if (bits < RSA_MIN_BITS) {
    throw new SshPublicKeyError(`ssh-rsa keys must be at least ${RSA_MIN_BITS} bits; this one is ${bits}`);
  }
  if (bits > RSA_MAX_BITS) {
    throw new SshPublicKeyError(`ssh-rsa keys must be at most ${RSA_MAX_BITS} bits; this one is ${bits}`);
  }
  if (((modulus[modulus.length - 1] ?? 0) & 1) === 0) {
    throw new SshPublicKeyError('has an RSA modulus that is even, so it cannot be a product of two primes');
  }
  return bits;
}

function checkEcdsa(type: keyof typeof CURVES, reader: SshWireReader): number {
  const curve = CURVES[type];
  const curveName = reader.readAsciiString('curve name');
  if (curveName !== curve.name) {
    throw new SshPublicKeyError(`says "${type}" but its key data names the curve "${curveName}"`);
  }
  const point = reader.readString('ECDSA public point');
  const expectedLength = 1 + 2 * curve.fieldBytes;
  if (point[0] !== SEC1_UNCOMPRESSED) {
    throw new SshPublicKeyError(
      'has an ECDSA point that is not in uncompressed form (it must start with 0x04)',
    );
  }
  if (point.length !== expectedLength) {
    throw new SshPublicKeyError(
      `has an ECDSA point of ${point.length} bytes; an uncompressed ${curve.name} point is ${expectedLength}`,
    );
  }
  const x = point.subarray(1, 1 + curve.fieldBytes);
  const y = point.subarray(1 + curve.fieldBytes);
  try {
    // OpenSSL refuses a point that is not on the curve; a key off the curve could never verify a signature.
    createPublicKey({
      key: { kty: 'EC', crv: curve.jwkCurve, x: x.toString('base64url'), y: y.toString('base64url') },
      format: 'jwk',
    });
  } catch {
    throw new SshPublicKeyError(`has an ECDSA point that is not on the ${curve.name} curve`);
  }
  return curve.bits;
}
