import type { Route } from '../http/router';
import { buildOpenApiDocument } from '../openapi/document';
import { openApiDocumentSchema } from '../openapi/document-schema';
import type { OpenApiDocument } from '../openapi/types';

export const OPENAPI_PATH = '/v1/openapi.json';

/**
 * The route table plus `GET /v1/openapi.json`, the reference of the whole table, itself included. Like
 * every /v1 path it needs an API key (the contract asks for one on every request) but no permission;
 * the same document is published as docs/openapi.json. It is built on first request and then kept:
 * the table does not change while the cloud runs.
 */
export function withOpenApiRoute(routes: readonly Route[]): Route[] {
  let document: OpenApiDocument | undefined;
  const reference: Route = {
    method: 'GET',
    path: OPENAPI_PATH,
    describe: {
      summary: 'This API reference as an OpenAPI 3.1 document',
      status: 200,
      response: openApiDocumentSchema,
    },
    handler: () => ({ status: 200, body: (document ??= buildOpenApiDocument(table)) }),
  };
  const table = [...routes, reference];
  return table;
}
