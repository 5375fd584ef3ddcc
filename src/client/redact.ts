/** What stands in for a secret wherever one would have been written. */
export const REDACTED = '[redacted]';

export type Redactor = (text: string) => string;

/**
 * Builds the function every message and log line passes through before it leaves the client. The client never
 * writes the API key itself, but a server (or a misconfigured proxy) may echo it back in an error message, and
 * that text is shown as it is by lyctl and the provider.
 */
export function secretRedactor(secrets: readonly string[]): Redactor {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Applies a redactor to every string inside a JSON-shaped value (error `details`). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, redactDeep(item, redact)]),
    ) as T;
  }
  return value;
}
