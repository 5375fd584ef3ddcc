import crypto from 'node:crypto';
import { checkPublicKey, samePublicKey } from '../../../../src/provider/resources/ssh-key/rules';

/*
 * The provider's SSH key rules remember their verdicts by text (Terraform asks about the same key in many
 * calls). Asked again and again, in any order, they must give the answers the spelling rules give.
 */

function ed25519Line(comment: string): string {
  const jwk = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.from(jwk.x!, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

test('a key is accepted every time it is asked about', () => {
  const key = ed25519Line('laptop');
  for (let i = 0; i < 3; i++) expect(checkPublicKey(key)).toBeUndefined();
});

test('a bad key is refused with its reason every time, not only the first', () => {
  const bad = 'ssh-ed25519 AAAAnotakey';
  const first = checkPublicKey(bad);
  expect(first).toMatch(/^public_key /);
  expect(checkPublicKey(bad)).toBe(first);
});

test('spellings of the same key are the same; a different comment, key or unreadable text is not', () => {
  const key = ed25519Line('laptop');
  expect(samePublicKey(key, `${key}\n`)).toBe(true);
  expect(samePublicKey(`${key}\n`, key.replace(' ', '\t'))).toBe(true);
  expect(samePublicKey(key, key.replace('laptop', 'desktop'))).toBe(false);
  expect(samePublicKey(key, ed25519Line('laptop'))).toBe(false);
  expect(samePublicKey('not a key', 'not a key')).toBe(true);
  expect(samePublicKey('not a key', 'not a key ')).toBe(false);
  expect(samePublicKey(key, null)).toBe(false);
});

test('many distinct keys (more than are remembered) are each judged right', () => {
  const keys = Array.from({ length: 2100 }, (_, i) => ed25519Line(`k${i}`));
  for (const key of keys) expect(checkPublicKey(key)).toBeUndefined();
  expect(checkPublicKey(`${keys[0]!} \u0007`)).toMatch(/^public_key /);
  expect(samePublicKey(keys[0]!, `${keys[0]!}\n`)).toBe(true);
});
