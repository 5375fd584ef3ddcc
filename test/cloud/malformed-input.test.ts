/**
 * Every route of the live table against malformed input: each case must get a 4xx with the error envelope
 * and a matching X-Request-Id, never a 5xx and never a dropped connection, and the cloud must still serve
 * a normal request afterwards. Generic over the table, so routes added later are covered as they land.
 */
import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import { errorEnvelopeSchema } from '../../src/api';
import { METHODS_WITH_BODY, MAX_BODY_BYTES } from '../../src/cloud/http/body';
import type { Route } from '../../src/cloud/http/router';
import { withLiveRouteTable } from '../../src/cloud/openapi/live-document';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { generateSshPublicKey } from '../helpers/ssh-keys';

interface RawCase {
  readonly name: string;
  readonly method: string;
  /** Sent byte for byte (latin1), so it may hold encoded or raw UTF-8, `..` and `%00`. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** Send the body as chunks without a Content-Length. */
  readonly chunked?: boolean;
}

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** One request on its own connection, bytes exactly as given; rejects only when no answer came back. */
function rawRequest(origin: URL, apiKey: string, c: RawCase): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, ...c.headers };
    if (c.body !== undefined && !c.chunked) headers['content-length'] = String(c.body.length);
    const req = httpRequest({
      host: origin.hostname,
      port: origin.port,
      method: c.method,
      path: c.path,
      headers,
      agent: false,
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    // The cloud may answer (413) before the whole body is sent and close; what counts is that it answered.
    req.on('error', (error) => {
      if (!answered) reject(new Error(`${c.name}: no answer (${error.message})`));
    });
    if (c.body !== undefined && c.chunked) {
      const size = 64 * 1024;
      for (let offset = 0; offset < c.body.length; offset += size)
        req.write(c.body.subarray(offset, offset + size));
    } else if (c.body !== undefined) {
      req.write(c.body);
    }
    req.end();
  });
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const JSON_TYPE = { 'content-type': 'application/json' };

/** Candidate values of every JSON type; a property gets those its schema refuses. */
const WRONG_VALUES: unknown[] = [12345, -1.5, 'text', '', true, null, [], ['x'], {}, { nested: 1 }];

function bodyCases(route: Route, path: string): RawCase[] {
  const at = (
    name: string,
    body: Buffer,
    headers: Record<string, string> = JSON_TYPE,
    chunked = false,
  ): RawCase => ({
    name: `${route.method} ${route.path}: ${name}`,
    method: route.method,
    path,
    headers,
    body,
    chunked,
  });
  const huge = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
  huge[0] = 0x7b; // '{' then spaces: JSON-ish, so only the size can be the problem
  const cases: RawCase[] = [
    at('bad JSON', Buffer.from('{"name": ', 'utf8')),
    at('trailing garbage after JSON', Buffer.from('{} x', 'utf8')),
    at('bad UTF-8', Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
    at('an overlong UTF-8 encoding', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])),
    at('a lone UTF-16 surrogate, escaped', Buffer.from('{"name": "\\ud800"}', 'utf8')),
    at('Content-Type text/plain', json({}), { 'content-type': 'text/plain' }),
    at('no Content-Type', json({}), {}),
    at('Content-Type form data', Buffer.from('a=b', 'utf8'), {
      'content-type': 'application/x-www-form-urlencoded',
    }),
    at('charset latin1', json({}), { 'content-type': 'application/json; charset=latin1' }),
    at('over 1 MiB, declared', huge),
    at('over 1 MiB, chunked', huge, JSON_TYPE, true),
  ];
  const schema = route.describe.body;
  if (schema === undefined) return cases;
  cases.push(
    at('an array instead of an object', json([])),
    at('a string instead of an object', json('text')),
    at('null instead of an object', json(null)),
    at('a number instead of an object', json(42)),
    at('an empty object (missing required fields)', json({})),
    at('an unknown field', json({ no_such_field_xyz: 1 })),
    at('a deeply nested value', Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`, 'utf8')),
    at('__proto__ as a field', Buffer.from('{"__proto__": {"admin": true}}', 'utf8')),
  );
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  for (const [property, propertySchema] of Object.entries(shape)) {
    for (const wrong of WRONG_VALUES) {
      if (propertySchema.safeParse(wrong).success) continue;
      cases.push(at(`${property} = ${JSON.stringify(wrong)}`, json({ [property]: wrong })));
    }
    cases.push(at(`${property} as a huge string`, json({ [property]: 'x'.repeat(200_000) })));
  }
  return cases;
}

/** Ids no route can take for a real one. */
const BAD_IDS: Array<[string, string]> = [
  ['encoded path traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['encoded traversal, backslashes', '..%5C..%5Cwindows'],
  ['a NUL byte', '%00'],
  ['a NUL byte after an id prefix', 'sshk_%00abc'],
  ['a bare percent', '%'],
  ['an invalid percent escape', '%zz'],
  ['percent-encoded invalid UTF-8', '%C3%28'],
  ['a very long id', 'a'.repeat(8000)],
  ['percent-encoded unicode', encodeURIComponent('ключ🔑')],
  ['raw UTF-8 unicode', Buffer.from('ключ🔑', 'utf8').toString('latin1')],
  ['a quote and a SQL fragment', encodeURIComponent("x' OR '1'='1")],
  ['a dot', '.'],
];

function idCases(route: Route): RawCase[] {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
  return names.flatMap((param) =>
    BAD_IDS.map(([name, value]) => ({
      name: `${route.method} ${route.path}: :${param} = ${name}`,
      method: route.method,
      path: route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, p: string) => (p === param ? value : 'missing')),
      ...(METHODS_WITH_BODY.has(route.method) ? { headers: JSON_TYPE, body: json({}) } : {}),
    })),
  );
}

/** A path with `..` segments sent raw, and an over-long request line (the HTTP parser's own refusal). */
function traversalCases(route: Route): RawCase[] {
  const prefix = route.path.replace(/:([A-Za-z0-9_]+)/g, 'missing');
  return [
    {
      name: `${route.method} ${route.path}: raw ../ segments`,
      method: route.method,
      path: `${prefix}/../../../etc/passwd`,
    },
    {
      name: `${route.method} ${route.path}: a 64 KiB path`,
      method: route.method,
      path: `${prefix}/${'b'.repeat(64 * 1024)}`,
    },
  ];
}

function queryCases(route: Route, path: string): RawCase[] {
  const at = (name: string, query: string): RawCase => ({
    name: `${route.method} ${route.path}: ${name}`,
    method: route.method,
    path: `${path}?${query}`,
  });
  return [
    at('per_page=0', 'per_page=0'),
    at('per_page=-1', 'per_page=-1'),
    at('per_page=501', 'per_page=501'),
    at('per_page=abc', 'per_page=abc'),
    at('per_page=1e2', 'per_page=1e2'),
    at('per_page=0x10', 'per_page=0x10'),
    at('per_page empty', 'per_page='),
    at('per_page huge', `per_page=${'9'.repeat(400)}`),
    at('per_page twice', 'per_page=1&per_page=2'),
    at('a garbage cursor', 'cursor=not-a-cursor'),
    at('a base64 cursor of garbage', `cursor=${Buffer.from('{"x":1}').toString('base64url')}`),
    at('a NUL cursor', 'cursor=%00'),
    at('a 2000-character cursor', `cursor=${'A'.repeat(2000)}`),
    at('an empty cursor', 'cursor='),
    at('an unknown parameter', 'no_such_param=1'),
    at('order=sideways', 'order=sideways'),
    at('a bad percent escape', 'per_page=%zz'),
  ];
}

function expectEnvelope(c: RawCase, answer: RawAnswer): void {
  const where = `${c.name} → ${answer.status} ${answer.text.slice(0, 200)}`;
  expect({ where, ok: answer.status >= 400 && answer.status < 500 }).toEqual({ where, ok: true });
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  const parsed = errorEnvelopeSchema.safeParse(body);
  expect({ where, envelope: parsed.success }).toEqual({ where, envelope: true });
  expect({ where, requestId: answer.headers['x-request-id'] }).toEqual({
    where,
    requestId: parsed.data?.request_id,
  });
}

describe('malformed input against every route of the live table', () => {
  const routes = withLiveRouteTable((table) => [...table]);
  let cloud: TestCloud;
  let origin: URL;
  /** A real value for each `:param`, where the collection has one: the seeded SSH key, for instance. */
  const realParams = new Map<string, string>();

  beforeAll(async () => {
    cloud = await startTestCloud();
    origin = new URL(cloud.origin);
    const seeded = await cloud.request('POST', '/ssh-keys', {
      body: { name: 'seed', public_key: generateSshPublicKey('ed25519').line },
    });
    expect(seeded.status).toBe(201);
    for (const route of routes) {
      const match = /^(.*)\/:([A-Za-z0-9_]+)$/.exec(route.path);
      if (match === null || match[1]?.includes(':') || realParams.has(route.path)) continue;
      const list = await cloud.request('GET', (match[1] as string).replace(/^\/v1/, ''));
      const items = Object.values((list.body ?? {}) as Record<string, unknown>).find(Array.isArray) as
        Array<Record<string, unknown>> | undefined;
      const value = items?.[0]?.[match[2] === 'id' ? 'id' : (match[2] as string)];
      if (typeof value === 'string') realParams.set(route.path, encodeURIComponent(value));
    }
  });
  afterAll(() => cloud.close());

  /** The route's path with a real id where one exists (so body validation is reached), else a missing one. */
  const concretePath = (route: Route): string =>
    realParams.get(route.path) === undefined
      ? route.path.replace(/:([A-Za-z0-9_]+)/g, 'missing')
      : route.path
          .replace(/:([A-Za-z0-9_]+)$/, realParams.get(route.path) as string)
          .replace(/:[A-Za-z0-9_]+/g, 'missing');

  const run = async (cases: RawCase[]) => {
    for (const c of cases) expectEnvelope(c, await rawRequest(origin, cloud.apiKey, c));
  };

  it('covers a table with routes of every shape', () => {
    expect(routes.some((r) => r.describe.body !== undefined)).toBe(true);
    expect(routes.some((r) => r.describe.query !== undefined)).toBe(true);
    expect(routes.some((r) => r.path.includes(':'))).toBe(true);
  });

  it('bodies: wrong types, missing and unknown fields, non-objects, bad JSON and UTF-8, media types, over 1 MiB', async () => {
    const withBody = routes.filter((r) => METHODS_WITH_BODY.has(r.method));
    await run(withBody.flatMap((route) => bodyCases(route, concretePath(route))));
  }, 60_000);

  it('ids: traversal, NUL, malformed escapes, very long, unicode', async () => {
    await run(routes.filter((r) => r.path.includes(':')).flatMap(idCases));
    await run(routes.filter((r) => r.path.includes(':')).flatMap(traversalCases));
  }, 60_000);

  it('queries: bad per_page, bad cursors, unknown and repeated parameters', async () => {
    await run(
      routes.filter((r) => r.describe.query !== undefined).flatMap((r) => queryCases(r, concretePath(r))),
    );
  }, 60_000);

  it('still answers a normal request afterwards, on a fresh and on a kept-alive connection', async () => {
    const first = await cloud.request('GET', '/ssh-keys');
    expect(first.status).toBe(200);
    expect(first.body.ssh_keys).toHaveLength(1);
    const second = await cloud.request('GET', '/ssh-keys');
    expect(second.status).toBe(200);
  });
});
