import { performance } from 'node:perf_hooks';
import {
  SshPublicKeyError,
  canonicalPublicKey,
  parseOpenSshPublicKey,
  sameKeyMaterial,
  samePublicKey,
} from '../../src/spelling/ssh-public-key';
import { generateSshPublicKey, openSshLine, sshMpint, sshString, type SshKeyKind } from '../helpers/ssh-keys';
import { SSH_KEYGEN_FIXTURES } from './ssh-keygen-fixtures';

function reasonFor(text: string): string {
  try {
    parseOpenSshPublicKey(text);
  } catch (error) {
    if (error instanceof SshPublicKeyError) return error.reason;
    throw error;
  }
  throw new Error('the key was accepted');
}

describe('parseOpenSshPublicKey', () => {
  describe('keys made by ssh-keygen', () => {
    const accepted = ['ed25519', 'rsa3072', 'ecdsa256', 'ecdsa384', 'ecdsa521'] as const;
    it.each(accepted)('%s: same fingerprint and size as ssh-keygen -lf, line kept as is', (name) => {
      const fixture = SSH_KEYGEN_FIXTURES[name];
      const key = parseOpenSshPublicKey(fixture.line);
      expect(key.fingerprint).toBe(fixture.fingerprint);
      expect(key.bits).toBe(fixture.bits);
      expect(key.normalized).toBe(fixture.line);
      expect(key.comment).toBe(`fixture-${name}`);
    });

    it('refuses the 1024-bit RSA key, saying how big it is', () => {
      expect(reasonFor(SSH_KEYGEN_FIXTURES.rsa1024.line)).toBe(
        'ssh-rsa keys must be at least 2048 bits; this one is 1024',
      );
    });
  });

  describe('keys generated with node:crypto', () => {
    const kinds: [SshKeyKind, string, number][] = [
      ['ed25519', 'ssh-ed25519', 256],
      ['rsa', 'ssh-rsa', 2048],
      ['ecdsa-p256', 'ecdsa-sha2-nistp256', 256],
      ['ecdsa-p384', 'ecdsa-sha2-nistp384', 384],
      ['ecdsa-p521', 'ecdsa-sha2-nistp521', 521],
    ];
    it.each(kinds)(
      '%s parses as %s of %i bits with the independently computed fingerprint',
      (kind, type, bits) => {
        const generated = generateSshPublicKey(kind, { comment: 'ci@example' });
        const key = parseOpenSshPublicKey(generated.line);
        expect(key.type).toBe(type);
        expect(key.bits).toBe(bits);
        expect(key.fingerprint).toBe(generated.fingerprint);
        expect(key.blob.equals(generated.blob)).toBe(true);
      },
    );
  });

  describe('normalization', () => {
    const generated = generateSshPublicKey('ed25519');
    const base64 = generated.blob.toString('base64');

    it('collapses separators to single spaces and trims the line and the comment', () => {
      const key = parseOpenSshPublicKey(`\n  ssh-ed25519 \t ${base64}\t  my  laptop key  \r\n`);
      expect(key.normalized).toBe(`ssh-ed25519 ${base64} my  laptop key`);
      expect(key.comment).toBe('my  laptop key');
    });

    it('leaves no trailing space when there is no comment', () => {
      expect(parseOpenSshPublicKey(`ssh-ed25519 ${base64}   `).normalized).toBe(`ssh-ed25519 ${base64}`);
    });
  });

  describe('refusals, each saying what is wrong', () => {
    const ed = generateSshPublicKey('ed25519');
    const edBase64 = ed.blob.toString('base64');

    it.each([
      ['an empty text', '   ', 'is empty'],
      [
        'a private key',
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----',
        'is a private key',
      ],
      ['an RFC 4716 key', '---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----', 'RFC 4716'],
      [
        'a PEM public key',
        '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
        'is a PEM public key',
      ],
      ['two lines', `ssh-ed25519 ${edBase64} a\nssh-ed25519 ${edBase64} b`, 'must be a single line'],
      ['a DSA key', `ssh-dss ${edBase64}`, 'has key type "ssh-dss", which is not supported'],
      [
        'authorized_keys options',
        `no-pty,from="10.0.0.1" ssh-ed25519 ${edBase64}`,
        'authorized_keys options',
      ],
      ['base64 without a type', edBase64, 'starts with base64 key data'],
      ['a certificate', `ssh-ed25519-cert-v01@openssh.com ${edBase64}`, 'is an OpenSSH certificate'],
      ['a type without data', 'ssh-ed25519', 'has no key data after "ssh-ed25519"'],
      ['broken base64', `ssh-ed25519 ${edBase64.slice(0, -2)}!!`, 'has key data that is not valid base64'],
      ['base64 of a length that is not a multiple of 4', `ssh-ed25519 ${edBase64}x`, 'not valid base64'],
      [
        'base64 with non-zero padding bits',
        `ssh-ed25519 ${Buffer.alloc(31).toString('base64').slice(0, -2)}B=`,
        'not valid base64',
      ],
      ['a comment with a control character', `ssh-ed25519 ${edBase64} me\u0007`, 'control characters'],
    ])('%s', (_name, text, expected) => {
      expect(reasonFor(text)).toContain(expected);
    });

    it('a blob whose inner type differs from the line', () => {
      const rsa = generateSshPublicKey('rsa');
      expect(reasonFor(openSshLine('ssh-ed25519', rsa.blob))).toBe(
        'says "ssh-ed25519" but its key data holds a "ssh-rsa" key',
      );
    });

    it('trailing bytes after the key', () => {
      const blob = Buffer.concat([ed.blob, Buffer.from([1, 2, 3])]);
      expect(reasonFor(openSshLine('ssh-ed25519', blob))).toBe(
        'has 3 unexpected bytes after the end of the ssh-ed25519 key data',
      );
    });

    it('a truncated blob', () => {
      expect(reasonFor(openSshLine('ssh-ed25519', ed.blob.subarray(0, ed.blob.length - 5)))).toBe(
        'has ssh-ed25519 key data that is truncated or malformed: it says the Ed25519 public key is 32 bytes but only 27 follow',
      );
    });

    it('an Ed25519 key of the wrong length', () => {
      const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(31, 1))]);
      expect(reasonFor(openSshLine('ssh-ed25519', blob))).toBe(
        'has an Ed25519 public key of 31 bytes; it must be exactly 32',
      );
    });

    it('RSA with an even exponent, an even modulus, or more than 16384 bits', () => {
      const modulus = Buffer.alloc(256, 0xff);
      const rsa = (e: Buffer, n: Buffer) =>
        openSshLine('ssh-rsa', Buffer.concat([sshString('ssh-rsa'), sshMpint(e), sshMpint(n)]));
      expect(reasonFor(rsa(Buffer.from([4]), modulus))).toContain('exponent that is not an odd number');
      expect(
        reasonFor(rsa(Buffer.from([1, 0, 1]), Buffer.concat([modulus.subarray(1), Buffer.from([0xfe])]))),
      ).toContain('modulus that is even');
      expect(reasonFor(rsa(Buffer.from([1, 0, 1]), Buffer.alloc(2049, 0xff)))).toBe(
        'ssh-rsa keys must be at most 16384 bits; this one is 16392',
      );
    });

    it('RSA with a negative modulus', () => {
      const blob = Buffer.concat([
        sshString('ssh-rsa'),
        sshMpint(Buffer.from([1, 0, 1])),
        sshString(Buffer.alloc(256, 0xff)),
      ]);
      expect(reasonFor(openSshLine('ssh-rsa', blob))).toContain('has a negative RSA modulus');
    });

    describe('ECDSA', () => {
      const p256 = generateSshPublicKey('ecdsa-p256');
      const point = (blob: Buffer): Buffer => blob.subarray(blob.length - 65);
      const ecdsa = (curve: string, q: Buffer) =>
        openSshLine(
          'ecdsa-sha2-nistp256',
          Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString(curve), sshString(q)]),
        );

      it('a curve name that differs from the type', () => {
        expect(reasonFor(ecdsa('nistp384', point(p256.blob)))).toBe(
          'says "ecdsa-sha2-nistp256" but its key data names the curve "nistp384"',
        );
      });

      it('a compressed point', () => {
        const compressed = Buffer.concat([Buffer.from([0x02]), point(p256.blob).subarray(1, 33)]);
        expect(reasonFor(ecdsa('nistp256', compressed))).toContain('not in uncompressed form');
      });

      it('a point of the wrong length', () => {
        expect(reasonFor(ecdsa('nistp256', point(p256.blob).subarray(0, 64)))).toBe(
          'has an ECDSA point of 64 bytes; an uncompressed nistp256 point is 65',
        );
      });

      it('a point that is not on the curve', () => {
        const offCurve = Buffer.from(point(p256.blob));
        offCurve[64] = (offCurve[64] as number) ^ 1;
        expect(reasonFor(ecdsa('nistp256', offCurve))).toBe(
          'has an ECDSA point that is not on the nistp256 curve',
        );
      });
    });
  });
});

describe('samePublicKey', () => {
  const key = generateSshPublicKey('ed25519', { comment: 'me@laptop' });

  it('treats the line file() reads, trailing newline and all, as the same key', () => {
    expect(samePublicKey(`${key.line}\n`, key.line)).toBe(true);
    expect(samePublicKey(`${key.line}\r\n`, key.line)).toBe(true);
    expect(samePublicKey(key.line.replace(' ', '\t'), key.line)).toBe(true);
    expect(canonicalPublicKey(`  ${key.line}\n`)).toBe(key.line);
  });

  it('tells apart a changed comment and another key', () => {
    const other = generateSshPublicKey('ed25519', { comment: 'me@laptop' });
    expect(samePublicKey(key.line.replace('me@laptop', 'me@desktop'), key.line)).toBe(false);
    expect(samePublicKey(other.line, key.line)).toBe(false);
  });

  it('never equates an unreadable text with a key, and never throws', () => {
    expect(samePublicKey('ssh-ed25519 not-base64', key.line)).toBe(false);
    expect(samePublicKey('garbage', 'garbage')).toBe(true);
  });
});

describe('sameKeyMaterial', () => {
  it('ignores the comment but not the key', () => {
    const key = generateSshPublicKey('ecdsa-p256', { comment: 'a' });
    expect(sameKeyMaterial(key.line.replace(/ a$/, ' b'), key.line)).toBe(true);
    expect(sameKeyMaterial(generateSshPublicKey('ecdsa-p256').line, key.line)).toBe(false);
  });
});

describe('parsing time', () => {
  /** The fastest of several batches, per call: the least disturbed by other work on a shared machine. */
  function secondsPerCall(text: string): number {
    let best = Infinity;
    for (let batch = 0; batch < 7; batch += 1) {
      const start = performance.now();
      for (let i = 0; i < 5; i += 1) {
        try {
          parseOpenSshPublicKey(text);
        } catch (error) {
          if (!(error instanceof SshPublicKeyError)) throw error;
        }
      }
      best = Math.min(best, (performance.now() - start) / 5);
    }
    return best;
  }

  it('grows linearly: a 16 KB key built to make a backtracking parser stall costs about what a normal one does', () => {
    const key = generateSshPublicKey('ed25519');
    const size = 16_000;
    // Blanks, then a character `.` does not match: the single regex this parser once used took ~0.45 s here.
    const hostile = `${key.line}${' '.repeat(size - key.line.length - 2)}\u2028y`;
    // As long, and ordinary: the same key with a long comment of words.
    const normal = `${key.line} ${'word '.repeat((size - key.line.length) / 5)}`.slice(0, size).trim();
    expect(hostile.length).toBeGreaterThan(size - 10);
    expect(normal.length).toBeGreaterThan(size - 10);
    expect(() => parseOpenSshPublicKey(hostile)).toThrow('control characters');
    expect(parseOpenSshPublicKey(normal).type).toBe('ssh-ed25519');

    secondsPerCall(normal); // warm up the JIT before measuring either
    const ratio = secondsPerCall(hostile) / secondsPerCall(normal);
    expect(ratio).toBeLessThan(5);
  });
});
