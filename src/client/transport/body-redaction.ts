import { REDACTED } from '../redact';
import type { Redactor } from '../redact';

/**
 * Field names whose string values are credentials wherever they appear: the `secret` of an api-key or webhook
 * create answer, and the usual names a proxy or a future API field might use.
 */
const SECRET_FIELDS = new Set([
  'secret',
  'api_key_secret',
  'password',
  'token',
  'access_token',
  'refresh_token',
  'authorization',
  'private_key',
]);

/** A LightYear API key or webhook secret, wherever one turns up (an echoed error, a field not listed above). */
const API_KEY_SHAPE = /\b(?:ly|whsec)_[0-9A-Za-z]{40}\b/g;

/** Long enough for any single resource's answer; a 500-item list page is cut rather than flooding the log. */
const MAX_TRACED_CHARS = 16_384;

/**
 * A body as it may appear in a trace log: credentials replaced by `[redacted]`, then cut to a readable length.
 * JSON is redacted field by field; anything else (a proxy's HTML page) only through the redactor and the
 * key-shape pattern.
 */
export function redactBody(body: unknown, redact: Redactor): string {
  let text: string;
  if (typeof body === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    text = parsed === undefined ? body : JSON.stringify(redactSecretFields(parsed));
  } else {
    text = JSON.stringify(redactSecretFields(body)) ?? '';
  }
  // Redact before cutting: a cut through a secret would leave a fragment neither pattern recognises.
  const clean = redact(text).replace(API_KEY_SHAPE, REDACTED);
  return clean.length <= MAX_TRACED_CHARS
    ? clean
    : `${clean.slice(0, MAX_TRACED_CHARS)}… (${clean.length - MAX_TRACED_CHARS} more characters)`;
}

function redactSecretFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecretFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      SECRET_FIELDS.has(key.toLowerCase()) && typeof item === 'string' ? REDACTED : redactSecretFields(item),
    ]),
  );
}
