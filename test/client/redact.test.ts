import { redactDeep, secretRedactor } from '../../src/client/redact';

describe('secretRedactor', () => {
  it('replaces every occurrence of every secret', () => {
    const redact = secretRedactor(['s3cr3t', 'other']);
    expect(redact('a s3cr3t and s3cr3t and other')).toBe('a [redacted] and [redacted] and [redacted]');
  });

  it('ignores empty secrets rather than redacting between every character', () => {
    expect(secretRedactor([''])('text')).toBe('text');
  });
});

describe('redactDeep', () => {
  it('redacts strings anywhere inside a JSON value and keeps everything else', () => {
    const redact = secretRedactor(['s3cr3t']);
    expect(redactDeep({ a: 's3cr3t', b: [1, 'x s3cr3t'], c: { d: null, e: true } }, redact)).toEqual({
      a: '[redacted]',
      b: [1, 'x [redacted]'],
      c: { d: null, e: true },
    });
  });
});
