import { z } from 'zod';
import { ERROR_CODES, errorEnvelopeSchema } from '../../src/api';
import type { Route } from '../../src/cloud/http/router';
import { buildOpenApiDocument, operationId } from '../../src/cloud/openapi/document';
import { errorCodesFor } from '../../src/cloud/openapi/error-responses';
import { liveOpenApiDocument, withLiveRouteTable } from '../../src/cloud/openapi/live-document';
import { apiSchemasByName } from '../../src/cloud/openapi/schema-components';
import type { OpenApiDocument, Operation } from '../../src/cloud/openapi/types';
import { startTestCloud, type TestCloud, type TestResponse } from '../helpers/local-cloud';
import { generateSshPublicKey } from '../helpers/ssh-keys';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * The structural rules of OpenAPI 3.1 (and of JSON Schema references) that a generator can get wrong.
 * Returns every violation, so one failing run shows them all.
 */
function structuralProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const problem = (where: string, what: string) => problems.push(`${where}: ${what}`);
  const raw = doc as unknown as Record<string, unknown>;

  if (typeof raw.openapi !== 'string' || !/^3\.1\.\d+$/.test(raw.openapi))
    problem('openapi', 'must be 3.1.x');
  const allowedTop = [
    'openapi',
    'info',
    'jsonSchemaDialect',
    'servers',
    'paths',
    'webhooks',
    'components',
    'security',
    'tags',
    'externalDocs',
  ];
  for (const key of Object.keys(raw)) {
    if (!allowedTop.includes(key) && !key.startsWith('x-')) problem(key, 'is not an OpenAPI top-level field');
  }
  if (typeof doc.info?.title !== 'string' || typeof doc.info.version !== 'string') {
    problem('info', 'needs title and version strings');
  }
  for (const [i, server] of (doc.servers ?? []).entries()) {
    if (typeof server.url !== 'string' || server.url === '') problem(`servers[${i}]`, 'needs a url');
  }
  const schemes = doc.components?.securitySchemes ?? {};
  for (const [name, scheme] of Object.entries(schemes)) {
    if (scheme.type === 'http' && typeof scheme.scheme !== 'string')
      problem(`securitySchemes.${name}`, 'http needs scheme');
  }
  const checkSecurity = (where: string, security: Array<Record<string, string[]>> | undefined) => {
    for (const requirement of security ?? []) {
      for (const name of Object.keys(requirement)) {
        if (!Object.hasOwn(schemes, name)) problem(where, `security names unknown scheme ${name}`);
      }
    }
  };
  checkSecurity('security', doc.security);
  for (const section of Object.keys(doc.components ?? {})) {
    for (const name of Object.keys((doc.components as Record<string, object>)[section] ?? {})) {
      if (!COMPONENT_NAME.test(name))
        problem(`components.${section}.${name}`, 'is not a valid component name');
    }
  }

  const operationIds = new Set<string>();
  const templates = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/')) problem(path, 'a path must start with /');
    const template = path.replace(/\{[^}]+\}/g, '{}');
    if (templates.has(template)) problem(path, 'is the same template as another path');
    templates.add(template);
    const templateParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [key, value] of Object.entries(item)) {
      if (key === 'servers' || key === 'summary' || key === 'description' || key === 'parameters') continue;
      if (!METHODS.includes(key)) {
        problem(path, `${key} is not an HTTP method of a path item`);
        continue;
      }
      const where = `${key.toUpperCase()} ${path}`;
      const op = value as Operation;
      if (typeof op.operationId !== 'string') problem(where, 'needs an operationId');
      else if (operationIds.has(op.operationId))
        problem(where, `operationId ${op.operationId} is not unique`);
      operationIds.add(op.operationId);
      checkSecurity(where, op.security);
      const seen = new Set<string>();
      for (const param of op.parameters ?? []) {
        if (!['query', 'header', 'path', 'cookie'].includes(param.in))
          problem(where, `parameter in ${param.in}`);
        if (seen.has(`${param.in}:${param.name}`)) problem(where, `parameter ${param.name} twice`);
        seen.add(`${param.in}:${param.name}`);
        if (param.in === 'path' && (param.required !== true || !templateParams.includes(param.name))) {
          problem(where, `path parameter ${param.name} must be required and in the template`);
        }
        if (param.schema === undefined) problem(where, `parameter ${param.name} needs a schema`);
      }
      for (const name of templateParams) {
        if (!seen.has(`path:${name}`)) problem(where, `template parameter ${name} is not declared`);
      }
      if (op.requestBody !== undefined && Object.keys(op.requestBody.content ?? {}).length === 0) {
        problem(where, 'a request body needs content');
      }
      const responses = Object.entries(op.responses ?? {});
      if (responses.length === 0) problem(where, 'needs responses');
      for (const [status, response] of responses) {
        if (!/^[1-5](\d\d|XX)$/.test(status) && status !== 'default')
          problem(where, `response key ${status}`);
        if (typeof response.description !== 'string')
          problem(where, `response ${status} needs a description`);
      }
    }
  }

  // Every $ref must resolve inside the document; no standalone-schema leftovers inside it.
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}[${i}]`));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref') {
        if (typeof child !== 'string' || resolvePointer(doc, child) === undefined)
          problem(where, `unresolved $ref ${String(child)}`);
      } else if (key === '$schema' || key === '$id') {
        problem(where, `${key} inside the document`);
      } else {
        walk(child, `${where}.${key}`);
      }
    }
  };
  walk(doc, '#');
  return problems;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function documentedPath(route: Route): string {
  const templated = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return templated.startsWith('/v1/') ? templated.slice('/v1'.length) : templated;
}

function operationOf(doc: OpenApiDocument, method: string, path: string): Operation {
  const op = doc.paths[path]?.[method.toLowerCase() as 'get'];
  if (op === undefined) throw new Error(`${method} ${path} is not documented`);
  return op;
}

/** The zod schema the document names for an answer: it is an exported src/api schema, found by name. */
function documentedSchema(doc: OpenApiDocument, method: string, path: string, status: number): z.ZodType {
  const schema = operationOf(doc, method, path).responses[String(status)]?.content?.['application/json']
    .schema;
  const ref = typeof schema?.$ref === 'string' ? schema.$ref : '';
  const name = ref.replace('#/components/schemas/', '');
  const zod = apiSchemasByName().get(name);
  if (zod === undefined)
    throw new Error(`${method} ${path} ${status} names ${ref}, which is no src/api schema`);
  return zod;
}

/** Checks a real answer against the document: the status is documented, and the body fits its schema. */
function expectDocumented(doc: OpenApiDocument, method: string, path: string, res: TestResponse): void {
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  const schema = documentedSchema(doc, method, path, res.status);
  const parsed = schema.safeParse(res.body);
  expect(parsed.error?.issues ?? []).toEqual([]);
}

describe('GET /v1/openapi.json', () => {
  let cloud: TestCloud;
  let served: OpenApiDocument;
  beforeAll(async () => {
    cloud = await startTestCloud();
    const res = await cloud.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    served = res.body as OpenApiDocument;
  });
  afterAll(() => cloud.close());

  it('is a structurally valid OpenAPI 3.1 document', () => {
    expect(structuralProblems(served)).toEqual([]);
  });

  it('is the document generated for docs/openapi.json', () => {
    expect(served).toEqual(JSON.parse(JSON.stringify(liveOpenApiDocument())));
  });

  it('documents every route of the live table: parameters, body, success and error answers', () => {
    const routes = withLiveRouteTable((table) => [...table]);
    expect(routes.length).toBeGreaterThan(1);
    for (const route of routes) {
      const op = operationOf(served, route.method, documentedPath(route));
      expect(op.operationId).toBe(operationId(route));
      expect(op.summary).toBe(route.describe.summary);
      const pathParams = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(pathParams);
      if (route.describe.query !== undefined) {
        const shape = (route.describe.query as z.ZodObject).shape as Record<string, unknown>;
        expect(op.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(Object.keys(shape));
      }
      expect(op.requestBody !== undefined).toBe(route.describe.body !== undefined);
      const success = op.responses[String(route.describe.status)];
      expect(success).toBeDefined();
      expect(success?.content !== undefined).toBe(route.describe.response !== undefined);
      for (const code of errorCodesFor(route)) {
        const answer = op.responses[String(ERROR_CODES[code])];
        expect(answer?.description).toContain(`\`${code}\``);
        expect(answer?.content?.['application/json'].schema).toEqual({
          $ref: '#/components/schemas/ErrorEnvelope',
        });
      }
      if (route.permission !== undefined) expect(op['x-required-permission']).toBe(route.permission);
    }
    const documented = Object.values(served.paths).reduce(
      (n, item) => n + Object.keys(item).filter((k) => METHODS.includes(k)).length,
      0,
    );
    expect(documented).toBe(routes.length);
  });

  it('names the bearer scheme, the servers and the error envelope', () => {
    expect(served.security).toEqual([{ apiKey: [] }]);
    expect(served.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(served.servers.map((s) => s.url)).toEqual(['https://api.lightyear.host/v1', '/v1']);
    expect(served.components.schemas.ErrorEnvelope).toMatchObject({
      type: 'object',
      required: ['error', 'request_id'],
    });
  });

  it('describes request bodies strictly and list queries with their defaults', () => {
    const body = served.components.schemas.CreateSshKeyRequest;
    expect(body).toMatchObject({ additionalProperties: false, required: ['name', 'public_key'] });
    const order = operationOf(served, 'GET', '/ssh-keys').parameters?.find((p) => p.name === 'order');
    expect(order).toMatchObject({ required: false, schema: { enum: ['asc', 'desc'], default: 'asc' } });
  });

  it('needs an API key, like every /v1 path', async () => {
    const res = await cloud.request('GET', '/openapi.json', { apiKey: null });
    expect(res.status).toBe(401);
    expect(errorEnvelopeSchema.safeParse(res.body).success).toBe(true);
  });

  it('matches what the server answers: real requests validate against the documented schemas', async () => {
    const key = generateSshPublicKey('ed25519');
    const created = await cloud.request('POST', '/ssh-keys', { body: { name: 'doc', public_key: key.line } });
    expect(created.status).toBe(201);
    expectDocumented(served, 'POST', '/ssh-keys', created);
    const id = created.body.ssh_key.id as string;

    expectDocumented(served, 'GET', '/ssh-keys', await cloud.request('GET', '/ssh-keys?per_page=5'));
    expectDocumented(served, 'GET', '/ssh-keys/{id}', await cloud.request('GET', `/ssh-keys/${id}`));
    const renamed = await cloud.request('PATCH', `/ssh-keys/${id}`, { body: { name: 'renamed' } });
    expectDocumented(served, 'PATCH', '/ssh-keys/{id}', renamed);

    const errors: Array<[string, string, TestResponse]> = [
      [
        'POST',
        '/ssh-keys',
        await cloud.request('POST', '/ssh-keys', { body: { name: 'dup', public_key: key.line } }),
      ],
      ['POST', '/ssh-keys', await cloud.request('POST', '/ssh-keys', { body: { name: 1 } })],
      ['GET', '/ssh-keys/{id}', await cloud.request('GET', '/ssh-keys/sshk_missing')],
      ['GET', '/ssh-keys', await cloud.request('GET', '/ssh-keys?per_page=0')],
    ];
    expect(errors.map(([, , res]) => res.status)).toEqual([409, 400, 404, 400]);
    for (const [method, path, res] of errors) expectDocumented(served, method, path, res);

    const deleted = await cloud.request('DELETE', `/ssh-keys/${id}`);
    expect(deleted.status).toBe(204);
    expect(operationOf(served, 'DELETE', '/ssh-keys/{id}').responses['204']?.content).toBeUndefined();
  });
});

describe('buildOpenApiDocument', () => {
  const handler = () => ({ status: 200 });

  it('gives a schema with defaults an input variant for requests, and keeps its output form for answers', () => {
    const withDefault = z.strictObject({ size: z.number().default(10) });
    const doc = buildOpenApiDocument([
      {
        method: 'POST',
        path: '/v1/things',
        describe: { summary: 's', body: withDefault, status: 201, response: withDefault },
        handler,
      },
    ]);
    const op = operationOf(doc, 'POST', '/things');
    expect(op.requestBody?.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/PostThingsRequestInput',
    });
    expect(op.responses['201']?.content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/PostThingsRequest',
    });
    expect(doc.components.schemas.PostThingsRequestInput?.required).toBeUndefined();
    expect(doc.components.schemas.PostThingsRequest?.required).toEqual(['size']);
    expect(structuralProblems(doc)).toEqual([]);
  });

  it('documents a route outside /v1 at its full path, on the server root, without credentials', () => {
    const doc = buildOpenApiDocument([
      {
        method: 'POST',
        path: '/_local/clock/advance',
        describe: { summary: 'advance', status: 204 },
        handler,
      },
    ]);
    expect(doc.paths['/_local/clock/advance']?.servers).toEqual([
      { url: '/', description: 'The server root' },
    ]);
    expect(operationOf(doc, 'POST', '/_local/clock/advance').security).toEqual([]);
    expect(structuralProblems(doc)).toEqual([]);
  });

  it('lists the error codes a handler declares', () => {
    const route: Route = {
      method: 'DELETE',
      path: '/v1/things/:id',
      describe: { summary: 'delete', status: 204, errors: ['resource_in_use'] },
      handler,
    };
    const op = operationOf(buildOpenApiDocument([route]), 'DELETE', '/things/{id}');
    expect(op.responses['409']?.description).toContain('`resource_in_use`');
    expect(op.responses['404']?.description).toContain('`not_found`');
  });

  it('refuses a table with the same method and path twice', () => {
    const route: Route = { method: 'GET', path: '/v1/x', describe: { summary: 'x', status: 200 }, handler };
    expect(() => buildOpenApiDocument([route, route])).toThrow(/twice/);
  });
});
