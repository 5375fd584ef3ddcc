/**
 * Recognises a private key handed over where a public key belongs: `~/.ssh/id_ed25519` instead of
 * `~/.ssh/id_ed25519.pub`, a PEM key pasted into a form. It is refused before it travels anywhere else, with
 * a reason that says which half it is and a fix that names the public half.
 */

/** The first lines of the private key formats people hold: OpenSSH, PKCS#1/#8 and SEC1 PEM, PuTTY. */
const PRIVATE_KEY_MARKERS = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  '-----BEGIN RSA PRIVATE KEY-----',
  '-----BEGIN DSA PRIVATE KEY-----',
  '-----BEGIN EC PRIVATE KEY-----',
  '-----BEGIN PRIVATE KEY-----',
  '-----BEGIN ENCRYPTED PRIVATE KEY-----',
  'PuTTY-User-Key-File-',
] as const;

/** Whether `text` (leading blanks and all) starts like a private key file. No regex: plain prefix tests. */
export function isPrivateKey(text: string): boolean {
  const start = text.trimStart();
  return PRIVATE_KEY_MARKERS.some((marker) => start.startsWith(marker));
}

export const PRIVATE_KEY_REASON =
  'is a private key (the secret half of the key pair); only the public half may be sent, and the private key should stay where it is';

/**
 * Where the public half is. With the path the private key was read from, it names the `.pub` file beside
 * it (`ssh-keygen` writes `id_ed25519` and `id_ed25519.pub`); without one, it says what to look for.
 */
export function privateKeyFix(privateKeyPath?: string): string {
  if (privateKeyPath === undefined) {
    return 'send the public key instead: the one line in the .pub file beside the private key (such as ~/.ssh/id_ed25519.pub)';
  }
  const pub = `${privateKeyPath}.pub`;
  return `use the public key ${pub} instead (if it is missing, "ssh-keygen -y -f ${privateKeyPath} > ${pub}" writes it)`;
}
