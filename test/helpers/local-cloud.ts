/**
 * A local cloud for tests: real HTTP on 127.0.0.1 with an ephemeral port, in memory unless a dataDir
 * is given, plus a small JSON request helper.
 *
 *   const cloud = await startTestCloud();
 *   afterAll(() => cloud.close());
 *   const res = await cloud.request('POST', '/ssh-keys', { body: { name: 'k', public_key: line } });
 *   expect(res.status).toBe(201);
 */
import { startLocalCloud, type LocalCloudOptions, type RunningLocalCloud } from '../../src/cloud';
import { CloudClock } from '../../src/cloud/clock';

export interface TestRequestOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly body?: unknown;
  /** Sent as is (no Content-Type added): for malformed bodies. */
  readonly rawBody?: string | Buffer;
  /** Added to (and overriding) the defaults. */
  readonly headers?: Record<string, string>;
  /** The bearer key; `null` sends no Authorization header. @default the bootstrap key */
  readonly apiKey?: string | null;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined when the body was empty. Typed loosely on purpose: tests inspect it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface TestCloud extends RunningLocalCloud {
  /** The cloud's clock (the `clock` option, or one made here): `clock.advance(ms)` moves lifecycles on. */
  readonly clock: CloudClock;
  /** A request to `<url><path>`, e.g. `request('GET', '/ssh-keys?per_page=2')`. */
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>;
}

export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const clock = options.clock ?? new CloudClock();
  // No rate limit unless a test asks for one: a test drives one key far faster than any user would, and
  // the limit has tests of its own (test/cloud/http/stages/rate-limit.test.ts).
  const cloud = await startLocalCloud({
    host: '127.0.0.1',
    port: 0,
    rateLimitPerMinute: 0,
    ...options,
    clock,
  });
  return {
    clock,
    url: cloud.url,
    origin: cloud.origin,
    port: cloud.port,
    apiKey: cloud.apiKey,
    tlsCertificate: cloud.tlsCertificate,
    tlsCertificatePath: cloud.tlsCertificatePath,
    close: () => cloud.close(),
    request: (method, path, requestOptions = {}) => apiRequest(cloud, method, path, requestOptions),
  };
}

async function apiRequest(
  cloud: RunningLocalCloud,
  method: string,
  path: string,
  options: TestRequestOptions,
): Promise<TestResponse> {
  const headers: Record<string, string> = {};
  const apiKey = options.apiKey === undefined ? cloud.apiKey : options.apiKey;
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${cloud.url}${path}`, {
    method,
    headers: { ...headers, ...options.headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}
