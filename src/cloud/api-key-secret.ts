import { createHash } from 'node:crypto';
import { randomBase62 } from './ids';

/**
 * API key secrets are `ly_` followed by 40 base62 characters (~238 bits). The fixed prefix lets secret
 * scanners and people recognise a LightYear key; base62 keeps it one double-click wide and shell-safe.
 */
export const API_KEY_SECRET_PATTERN = /^ly_[0-9A-Za-z]{40}$/;
const SECRET_RANDOM_LENGTH = 40;
/** `ly_` and the first 6 random characters: enough to tell keys apart in a list, far too little to guess one. */
const DISPLAY_PREFIX_LENGTH = 9;

export function generateApiKeySecret(): string {
  return `ly_${randomBase62(SECRET_RANDOM_LENGTH)}`;
}

export function isWellFormedApiKeySecret(candidate: string): boolean {
  return API_KEY_SECRET_PATTERN.test(candidate);
}

/**
 * What the database stores instead of the secret. A plain SHA-256 is enough here (no salt, no slow hash):
 * the secret carries ~238 random bits, so there is nothing to brute-force, and an unsalted digest lets a
 * request find its key with one indexed lookup.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part of a secret that may be shown again (lists, logs of key management). */
export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}
