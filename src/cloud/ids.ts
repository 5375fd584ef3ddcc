import { randomBytes } from 'node:crypto';
import { ID_PREFIXES } from '../api';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The largest multiple of 62 below 256: bytes at or above it are dropped so every character is equally likely. */
const UNBIASED_LIMIT = 248;

/** `length` characters of uniformly random base62 from the system CSPRNG. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** 24 base62 characters: ~143 bits, so ids never collide and cannot be guessed. */
const ID_RANDOM_LENGTH = 24;

export type IdKind = keyof typeof ID_PREFIXES;

/** A new opaque id with the contract's type prefix, e.g. `sshk_4fT0...`. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBase62(ID_RANDOM_LENGTH)}`;
}
