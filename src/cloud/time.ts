/** The current time as the API writes every timestamp: ISO 8601 UTC, milliseconds, `Z`. */
export function nowIso(): string {
  return new Date().toISOString();
}
