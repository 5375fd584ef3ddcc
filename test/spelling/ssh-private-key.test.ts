import { generateKeyPairSync } from 'node:crypto';
import { isPrivateKey, privateKeyFix } from '../../src/spelling/ssh-private-key';
import { SshPrivateKeyError, parseOpenSshPublicKey } from '../../src/spelling/ssh-public-key';

const { privateKey: ed25519 } = generateKeyPairSync('ed25519');
const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('isPrivateKey', () => {
  it.each([
    [
      'OpenSSH (what ssh-keygen writes to ~/.ssh/id_ed25519)',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
    ],
    ['PKCS#8 PEM', ed25519.export({ format: 'pem', type: 'pkcs8' }).toString()],
    ['PKCS#1 PEM', rsa.export({ format: 'pem', type: 'pkcs1' }).toString()],
    [
      'encrypted PKCS#8 PEM',
      rsa.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' }).toString(),
    ],
    ['SEC1 EC PEM', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----'],
    ['PuTTY', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n'],
    ['pasted with leading blank lines', '\n\n  -----BEGIN OPENSSH PRIVATE KEY-----\n...'],
  ])('recognises %s', (_case, text) => {
    expect(isPrivateKey(text)).toBe(true);
  });

  it.each([
    ['an OpenSSH public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB7 me@laptop'],
    ['a PEM public key', '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----'],
    ['a comment that mentions a private key', 'ssh-ed25519 AAAA -----BEGIN OPENSSH PRIVATE KEY-----'],
    ['nothing', ''],
  ])('does not mistake %s for one', (_case, text) => {
    expect(isPrivateKey(text)).toBe(false);
  });
});

describe('privateKeyFix', () => {
  it('names the .pub file beside the private key, and how to make it', () => {
    expect(privateKeyFix('/home/me/.ssh/id_ed25519')).toBe(
      'use the public key /home/me/.ssh/id_ed25519.pub instead (if it is missing, "ssh-keygen -y -f /home/me/.ssh/id_ed25519 > /home/me/.ssh/id_ed25519.pub" writes it)',
    );
    expect(privateKeyFix()).toContain('.pub file');
  });
});

describe('a private key given as a public key', () => {
  it('is refused as the private half, with a code of its own and the .pub file as the fix', () => {
    const text = ed25519.export({ format: 'pem', type: 'pkcs8' }).toString();
    let caught: unknown;
    try {
      parseOpenSshPublicKey(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SshPrivateKeyError);
    const error = caught as SshPrivateKeyError;
    expect(error.code).toBe('ssh_private_key');
    expect(error.reason).toContain('is a private key (the secret half of the key pair)');
    expect(error.fix).toContain('.pub');
    // The refusal never repeats the key it refuses.
    expect(error.message).not.toContain('BEGIN');
  });
});
