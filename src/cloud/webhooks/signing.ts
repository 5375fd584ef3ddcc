import { createHmac } from 'node:crypto';
import { randomBase62 } from '../ids';

/** `whsec_` + 40 base62 characters (~238 bits): the key every delivery of one webhook is signed with. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBase62(40)}`;
}

/**
 * The `X-LightYear-Signature` value: `sha256=` + hex HMAC-SHA256 of the raw body under the webhook's
 * secret. Receivers recompute it over the bytes they received, before parsing them.
 */
export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
