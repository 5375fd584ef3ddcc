/**
 * Where webhook deliveries may go, as far as the URL's text can tell (the cloud also checks the address it
 * resolves to). https anywhere; plain http only to loopback, as clients treat the API itself. No user name or
 * password in the URL: it is listed back to every key with `webhooks:read`.
 */

const URL_REASON = 'must be an absolute https:// URL (http:// only to a loopback host such as 127.0.0.1)';

/**
 * URL parsing drops tabs and newlines and trims C0 controls and spaces, so such a URL would be stored as
 * sent but delivered somewhere else; a URL never needs them raw (they are percent-encoded).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

/** Why `text` cannot be a webhook URL (a predicate that reads after the field name), or undefined. */
export function webhookUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return URL_REASON;
  }
  if (RAW_CONTROL_OR_SPACE.test(text)) {
    return 'must not contain spaces or control characters (percent-encode them)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return URL_REASON;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return URL_REASON;
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (url.hash !== '') return 'must not contain a #fragment';
  return undefined;
}

/** `localhost`, 127.0.0.0/8 and `[::1]`, as WHATWG URL parsing spells them. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
