import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Idempotency replays keep the first answer for 24 hours, and the answer to an API key or webhook create
 * holds its secret. The answer is therefore stored sealed (AES-256-GCM) under a key derived (HKDF-SHA256)
 * from what only that caller presents: its bearer secret, which the cloud never stores, and the
 * Idempotency-Key. The same caller replaying the request can open it; anyone reading the database, or
 * another key using the same Idempotency-Key, cannot.
 */
export interface ReplaySealScope {
  /** The bearer secret the request authenticated with. */
  readonly bearerSecret: string;
  readonly apiKeyId: string;
  readonly idempotencyKey: string;
  /** The request's fingerprint: a sealed answer only opens for the request it answered. */
  readonly fingerprint: string;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = 'lightyear local cloud: idempotency replay v1';

function keyFor(scope: ReplaySealScope): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(scope.bearerSecret, 'utf8'),
      Buffer.from(`${scope.apiKeyId}\0${scope.idempotencyKey}`, 'utf8'),
      INFO,
      32,
    ),
  );
}

function associatedData(scope: ReplaySealScope): Buffer {
  return Buffer.from(`${scope.apiKeyId}\0${scope.idempotencyKey}\0${scope.fingerprint}`, 'utf8');
}

/** `version || iv || tag || ciphertext` of the body's JSON. */
export function sealReplayBody(body: unknown, scope: ReplaySealScope): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(scope), iv);
  cipher.setAAD(associatedData(scope));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * The body sealed under `scope`, or undefined when it does not open: another secret (the key was rotated,
 * as the bootstrap key is when its file goes missing), or bytes that were tampered with.
 */
export function openReplayBody(sealed: Buffer, scope: ReplaySealScope): { body: unknown } | undefined {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) return undefined;
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(scope), iv);
  decipher.setAAD(associatedData(scope));
  decipher.setAuthTag(tag);
  try {
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return { body: JSON.parse(plain.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}
