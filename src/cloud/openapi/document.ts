import { STATUS_CODES } from 'node:http';
import { errorEnvelopeSchema } from '../../api';
import type { Route } from '../http/router';
import { byStatus, errorCodesFor, isApiRoute } from './error-responses';
import { SchemaComponents } from './schema-components';
import type { HttpMethodKey, OpenApiDocument, Operation, Parameter, PathItem, ResponseObject } from './types';

export const OPENAPI_VERSION = '3.1.0';
/** The API's major version; the document changes as routes are added, which are not breaking changes. */
export const API_VERSION = '1';
export const HOSTED_SERVER_URL = 'https://api.lightyear.host/v1';
const API_PREFIX = '/v1';
const SECURITY_SCHEME = 'apiKey';
const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The OpenAPI 3.1 reference of the given route table, built from each route's `describe` and the zod
 * schemas of src/api. Paths are relative to the server URL, which ends in `/v1`; a route outside /v1 (a
 * control endpoint) keeps its full path and names the server root for itself.
 */
export function buildOpenApiDocument(routes: readonly Route[]): OpenApiDocument {
  const components = new SchemaComponents();
  for (const route of routes) {
    const name = operationId(route);
    const pascal = name.charAt(0).toUpperCase() + name.slice(1);
    if (route.describe.body !== undefined) components.use(route.describe.body, `${pascal}Request`);
    if (route.describe.query !== undefined) components.use(route.describe.query, `${pascal}Query`);
    if (route.describe.response !== undefined) components.use(route.describe.response, `${pascal}Response`);
  }
  components.build();

  const paths: Record<string, PathItem> = {};
  const tags = new Set<string>();
  for (const route of routes) {
    const { key, outsideApi } = pathKey(route.path);
    const item = (paths[key] ??= outsideApi
      ? { servers: [{ url: '/', description: 'The server root' }] }
      : {});
    const method = route.method.toLowerCase() as HttpMethodKey;
    if (item[method] !== undefined)
      throw new Error(`${route.method} ${route.path} is in the route table twice`);
    const operation = describeOperation(route, components);
    item[method] = operation;
    operation.tags.forEach((tag) => tags.add(tag));
  }

  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'LightYear Cloud API',
      version: API_VERSION,
      description: [
        'The REST API of LightYear Cloud. JSON in and out; request bodies are strict (an unknown field is a',
        '400). Every response carries `X-Request-Id`; every error answer is the error envelope.',
        'Generated from the route table of the local LightYear Cloud, which implements this API.',
      ].join(' '),
      license: { name: 'MPL-2.0', identifier: 'MPL-2.0' },
    },
    servers: [
      { url: HOSTED_SERVER_URL, description: 'LightYear Cloud' },
      { url: API_PREFIX, description: 'The server this document was fetched from, e.g. a local cloud' },
    ],
    security: [{ [SECURITY_SCHEME]: [] }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: components.reachableFrom(paths),
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (`ly_` + 40 characters) as `Authorization: Bearer <api key>`.',
        },
      },
      headers: {
        [REQUEST_ID_HEADER]: {
          description: 'The request id (`req_...`), on every response; the error envelope repeats it.',
          schema: { type: 'string', pattern: '^req_' },
        },
      },
    },
  };
}

function describeOperation(route: Route, components: SchemaComponents): Operation {
  const { describe } = route;
  const parameters: Parameter[] = pathParameters(route.path);
  if (describe.query !== undefined) {
    for (const property of components.properties(describe.query, 'input')) {
      parameters.push({
        name: property.name,
        in: 'query',
        required: property.required,
        schema: property.schema,
      });
    }
  }
  const responses: Record<string, ResponseObject> = {
    [String(describe.status)]: {
      description: STATUS_CODES[describe.status] ?? 'Success',
      headers: { [REQUEST_ID_HEADER]: { $ref: `#/components/headers/${REQUEST_ID_HEADER}` } },
      ...(describe.response === undefined
        ? {}
        : { content: { 'application/json': { schema: components.ref(describe.response, 'output') } } }),
    },
  };
  for (const [status, codes] of byStatus(errorCodesFor(route))) {
    responses[String(status)] = {
      description: `${STATUS_CODES[status] ?? 'Error'}: ${codes.map((code) => `\`${code}\``).join(', ')}`,
      headers: { [REQUEST_ID_HEADER]: { $ref: `#/components/headers/${REQUEST_ID_HEADER}` } },
      content: { 'application/json': { schema: components.ref(errorEnvelopeSchema, 'output') } },
    };
  }
  const operation: Operation = {
    operationId: operationId(route),
    summary: describe.summary,
    tags: [tagOf(route.path)],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(describe.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.ref(describe.body, 'input') } },
          },
        }),
    responses,
  };
  if (route.permission !== undefined) {
    operation.description = `Needs an API key with the \`${route.permission}\` permission (or one implying it).`;
    operation['x-required-permission'] = route.permission;
  } else if (isApiRoute(route)) {
    operation.description = 'Any valid API key may call it.';
  }
  if (!isApiRoute(route)) operation.security = [];
  return operation;
}

/** `/v1/ssh-keys/:id` → `/ssh-keys/{id}` (relative to the server URL); a path outside /v1 stays whole. */
function pathKey(path: string): { key: string; outsideApi: boolean } {
  const templated = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  if (templated.startsWith(`${API_PREFIX}/`))
    return { key: templated.slice(API_PREFIX.length), outsideApi: false };
  return { key: templated, outsideApi: true };
}

function pathParameters(path: string): Parameter[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
    name: name as string,
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
  }));
}

/** The first segment after /v1: `ssh-keys`, `instances`, `account`, `openapi`. */
function tagOf(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const [first, second] = segments;
  return ((first === 'v1' ? second : first) ?? 'api').replace(/\.json$/, '');
}

/**
 * A stable id from method and path (`getSshKeysById`, `postInstancesByIdStart`): unique because the
 * router never holds the same method and path twice, and predictable for code generators.
 */
export function operationId(route: Route): string {
  const words = route.path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${route.method.toLowerCase()}${words.join('')}`;
}
