import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhookBody } from '../../../src/cloud/webhooks/signing';

describe('webhook signing', () => {
  it('signs as sha256= and the hex HMAC-SHA256 of the raw body', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signWebhookBody('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const body = Buffer.from('{"id":"evt_1"}');
    expect(signWebhookBody('s', body)).toBe(`sha256=${createHmac('sha256', 's').update(body).digest('hex')}`);
  });

  it('makes distinct secrets of the documented shape', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
