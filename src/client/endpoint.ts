import { isIPv4 } from 'node:net';
import { LightyearConfigError } from './errors';

export const DEFAULT_ENDPOINT = 'https://api.lightyear.host/v1';

/** The API base an endpoint string resolves to: the origin to connect to and the path every route hangs off. */
export interface Endpoint {
  /** `https://api.lightyear.host` */
  origin: string;
  /** `/v1`, never with a trailing slash. */
  basePath: string;
  /** `origin + basePath`, for messages. */
  href: string;
}

/**
 * Validates an endpoint and splits it into origin and base path. Plain HTTP is refused except to loopback
 * hosts: the API key travels in a header, and only a local cloud on this machine may see it unencrypted.
 * An endpoint with no path means the API root `/v1`, so `http://127.0.0.1:8080` works as typed.
 */
export function parseEndpoint(raw: string): Endpoint {
  const example = `expected something like ${DEFAULT_ENDPOINT} or http://127.0.0.1:8080/v1`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new LightyearConfigError(`endpoint ${JSON.stringify(raw)} is not a valid URL; ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LightyearConfigError(`endpoint must start with https:// (got ${url.protocol}//); ${example}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new LightyearConfigError('endpoint must not carry credentials; pass the API key as apiKey');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new LightyearConfigError(`endpoint must not carry a query or fragment; ${example}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new LightyearConfigError(
      `refusing plain http:// to ${url.hostname}: the API key would travel unencrypted; use https:// ` +
        '(http:// is allowed only for loopback hosts: localhost, 127.0.0.0/8, ::1)',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  const basePath = path === '' ? '/v1' : path;
  return { origin: url.origin, basePath, href: `${url.origin}${basePath}` };
}

/** `localhost`, `127.0.0.0/8` and `::1` — the hosts whose traffic never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}
