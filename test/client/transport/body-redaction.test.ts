import { secretRedactor } from '../../../src/client/redact';
import { redactBody } from '../../../src/client/transport/body-redaction';

const KEY = `ly_${'A1b2C3d4E5'.repeat(4)}`;
const WEBHOOK_SECRET = `whsec_${'Z9y8X7w6V5'.repeat(4)}`;
const none = secretRedactor([]);

describe('redactBody', () => {
  it('replaces credential fields at any depth, whatever their case', () => {
    const body = { api_key: { id: 'key_1', name: 'ci' }, secret: 'anything', nested: [{ Password: 'p' }] };
    expect(JSON.parse(redactBody(JSON.stringify(body), none))).toEqual({
      api_key: { id: 'key_1', name: 'ci' },
      secret: '[redacted]',
      nested: [{ Password: '[redacted]' }],
    });
  });

  it('takes request bodies as values', () => {
    expect(redactBody({ name: 'x', token: 't' }, none)).toBe('{"name":"x","token":"[redacted]"}');
  });

  it('removes anything shaped like a LightYear key or webhook secret, even in text that is not JSON', () => {
    const text = `<html>echo ${KEY} and ${WEBHOOK_SECRET}</html>`;
    expect(redactBody(text, none)).toBe('<html>echo [redacted] and [redacted]</html>');
    expect(redactBody(JSON.stringify({ message: `bad key ${KEY}` }), none)).toBe(
      '{"message":"bad key [redacted]"}',
    );
  });

  it('removes the client key whatever its shape', () => {
    expect(redactBody('{"message":"key my-odd-key rejected"}', secretRedactor(['my-odd-key']))).toBe(
      '{"message":"key [redacted] rejected"}',
    );
  });

  it('cuts a long body after redacting, saying how much was left out', () => {
    const long = JSON.stringify({
      items: Array.from({ length: 2000 }, (_, i) => ({ id: `x_${i}`, secret: KEY })),
    });
    const traced = redactBody(long, none);
    expect(traced).not.toContain(KEY.slice(0, 12));
    expect(traced).toMatch(/… \(\d+ more characters\)$/);
    expect(traced.length).toBeLessThan(16_500);
  });
});
