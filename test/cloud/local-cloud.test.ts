import { request as httpRequest, Agent } from 'node:http';
import { errorEnvelopeSchema } from '../../src/api';
import { startTestCloud, type TestCloud, type TestResponse } from '../helpers/local-cloud';
import { generateSshPublicKey } from '../helpers/ssh-keys';

const MIB = 1024 * 1024;

let cloud: TestCloud;
let logLines: string[];
beforeEach(async () => {
  logLines = [];
  cloud = await startTestCloud({ log: (line) => logLines.push(line) });
});
afterEach(() => cloud.close());

/** Asserts the contract's error envelope and that its request id is the response's X-Request-Id. */
function expectError(res: TestResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe(code);
  expect(envelope.request_id).toBe(res.headers.get('x-request-id'));
  return envelope;
}

/** A raw request over node:http, for what fetch cannot send (a chunked body of a chosen size). */
function rawRequest(
  path: string,
  options: { method: string; headers: Record<string, string>; chunks: Buffer[] },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${cloud.url}${path}`,
      { method: options.method, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks) req.write(chunk);
    req.end();
  });
}

describe('startLocalCloud', () => {
  it('listens on 127.0.0.1 with an ephemeral port and reports its URLs', () => {
    expect(cloud.port).toBeGreaterThan(0);
    expect(cloud.origin).toBe(`http://127.0.0.1:${cloud.port}`);
    expect(cloud.url).toBe(`${cloud.origin}/v1`);
    expect(cloud.apiKey).toMatch(/^ly_[0-9A-Za-z]{40}$/);
  });

  it('closes promptly although a client keeps an idle keep-alive connection open', async () => {
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(
        `${cloud.url}/ssh-keys`,
        { agent, headers: { authorization: `Bearer ${cloud.apiKey}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    const started = Date.now();
    await cloud.close();
    expect(Date.now() - started).toBeLessThan(500);
    agent.destroy();
  });
});

describe('request ids', () => {
  it('every response carries a fresh X-Request-Id, and error bodies repeat it', async () => {
    const responses = await Promise.all([
      cloud.request('GET', '/ssh-keys'),
      cloud.request('GET', '/ssh-keys', { apiKey: null }),
      cloud.request('GET', '/nowhere'),
      cloud.request('POST', '/ssh-keys', { rawBody: 'x', headers: { 'content-type': 'text/plain' } }),
    ]);
    const ids = responses.map((res) => res.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^req_[0-9A-Za-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const res of responses.slice(1)) expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
  });
});

describe('authentication', () => {
  it('401 authentication_failed without an Authorization header, with a hint and WWW-Authenticate', async () => {
    const res = await cloud.request('GET', '/ssh-keys', { apiKey: null });
    const envelope = expectError(res, 401, 'authentication_failed');
    expect(envelope.error.message).toContain('Authorization: Bearer');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="lightyear"');
  });

  it('401 for an unknown key, never repeating it', async () => {
    const wrong = `ly_${'x'.repeat(40)}`;
    const res = await cloud.request('GET', '/ssh-keys', { apiKey: wrong });
    expectError(res, 401, 'authentication_failed');
    expect(JSON.stringify(res.body)).not.toContain(wrong);
  });

  it('401 for another scheme, and for the right secret under it', async () => {
    const res = await cloud.request('GET', '/ssh-keys', {
      apiKey: null,
      headers: { authorization: `Basic ${cloud.apiKey}` },
    });
    expectError(res, 401, 'authentication_failed');
  });

  it('accepts the scheme in any case', async () => {
    const res = await cloud.request('GET', '/ssh-keys', {
      apiKey: null,
      headers: { authorization: `bearer ${cloud.apiKey}` },
    });
    expect(res.status).toBe(200);
  });

  it('authenticates before routing: an unknown /v1 path is 401 without a key, 404 with one', async () => {
    expectError(
      await cloud.request('GET', '/instances-of-nothing', { apiKey: null }),
      401,
      'authentication_failed',
    );
    expectError(await cloud.request('GET', '/instances-of-nothing'), 404, 'not_found');
  });
});

describe('routing', () => {
  it('404 not_found outside /v1, and for trailing slashes', async () => {
    const outside = await fetch(`${cloud.origin}/`);
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expectError(await cloud.request('GET', '/ssh-keys/'), 404, 'not_found');
  });

  it('404 with an Allow header for a method a path does not serve', async () => {
    const res = await cloud.request('PUT', '/ssh-keys', { body: {} });
    const envelope = expectError(res, 404, 'not_found');
    expect(res.headers.get('allow')).toBe('POST, GET');
    expect(envelope.error.details).toEqual({ allowed_methods: ['POST', 'GET'] });
  });
});

describe('request bodies', () => {
  it('415 without a Content-Type, or with another media type or charset', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'k', public_key: generateSshPublicKey('ed25519').line }));
    // A Buffer body makes fetch send no Content-Type of its own.
    const missing = await cloud.request('POST', '/ssh-keys', { rawBody: body });
    expect(expectError(missing, 415, 'unsupported_media_type').error.message).toContain('no Content-Type');
    const others = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'];
    for (const contentType of others) {
      const res = await cloud.request('POST', '/ssh-keys', {
        rawBody: body,
        headers: { 'content-type': contentType },
      });
      expectError(res, 415, 'unsupported_media_type');
    }
  });

  it('accepts application/json with a utf-8 charset, in any case', async () => {
    const res = await cloud.request('POST', '/ssh-keys', {
      rawBody: JSON.stringify({ name: 'k', public_key: generateSshPublicKey('ed25519').line }),
      headers: { 'content-type': 'Application/JSON; charset="UTF-8"' },
    });
    expect(res.status).toBe(201);
  });

  it('400 for a body that is not JSON, without echoing it', async () => {
    const res = await cloud.request('POST', '/ssh-keys', {
      rawBody: '{"name": "k", "public_key": tokenvalue',
      headers: { 'content-type': 'application/json' },
    });
    const envelope = expectError(res, 400, 'invalid_request');
    expect(envelope.error.message).toMatch(/^The request body is not valid JSON/);
    expect(JSON.stringify(res.body)).not.toContain('tokenvalue');
  });

  it('400 for a body that is not UTF-8', async () => {
    const res = await cloud.request('POST', '/ssh-keys', {
      rawBody: Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      headers: { 'content-type': 'application/json' },
    });
    const envelope = expectError(res, 400, 'invalid_request');
    expect(envelope.error.message).toBe('The request body is not valid UTF-8.');
  });

  it('413 payload_too_large for a declared Content-Length over 1 MiB', async () => {
    const res = await cloud.request('POST', '/ssh-keys', {
      body: { name: 'k', public_key: 'a'.repeat(MIB) },
    });
    const envelope = expectError(res, 413, 'payload_too_large');
    expect(envelope.error.details).toEqual({ limit_bytes: MIB });
  });

  it('413 for a chunked body that grows past 1 MiB while streaming', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const res = await rawRequest('/ssh-keys', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cloud.apiKey}`,
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
      chunks: Array<Buffer>(20).fill(chunk),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });

  it('reads a body of exactly 1 MiB (the limit is inclusive)', async () => {
    const prefix = '{"name":"k","public_key":"';
    const suffix = '"}';
    const rawBody = prefix + 'a'.repeat(MIB - prefix.length - suffix.length) + suffix;
    const res = await cloud.request('POST', '/ssh-keys', {
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    // Past the size checks and into validation: the key is far over the 16384-character limit.
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('public_key');
  });
});

describe('access log', () => {
  it('one line per request with id, method, path and status, never the key or the body', async () => {
    const line = generateSshPublicKey('ed25519', { comment: 'body-marker' }).line;
    const created = await cloud.request('POST', '/ssh-keys', {
      body: { name: 'name-marker', public_key: line },
    });
    await cloud.request('GET', '/ssh-keys?name=query-marker');
    await cloud.request('GET', '/ssh-keys', { apiKey: `ly_${'q'.repeat(40)}` });

    expect(logLines).toHaveLength(3);
    expect(logLines[0]).toMatch(
      new RegExp(`^\\S+Z ${created.headers.get('x-request-id')} POST /v1/ssh-keys 201 \\d+\\.\\dms$`),
    );
    expect(logLines[1]).toContain('GET /v1/ssh-keys 200');
    expect(logLines[2]).toContain('GET /v1/ssh-keys 401');
    const all = logLines.join('\n');
    for (const secret of [cloud.apiKey, 'q'.repeat(40), 'body-marker', 'name-marker', 'query-marker']) {
      expect(all).not.toContain(secret);
    }
  });
});
