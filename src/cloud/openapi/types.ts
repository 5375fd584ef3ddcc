/**
 * The parts of an OpenAPI 3.1 document this cloud writes. Schemas are JSON Schema 2020-12 (OpenAPI 3.1's
 * own dialect), so they stay plain JSON objects.
 */
export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    description?: string;
    license?: { name: string; identifier?: string };
  };
  servers: OpenApiServer[];
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, SecurityScheme>;
    headers: Record<string, HeaderObject>;
  };
}

export interface OpenApiServer {
  url: string;
  description?: string;
}

export interface SecurityScheme {
  type: 'http';
  scheme: string;
  description?: string;
}

export interface HeaderObject {
  description?: string;
  schema: JsonSchema;
}

export type HttpMethodKey = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type PathItem = Partial<Record<HttpMethodKey, Operation>> & { servers?: OpenApiServer[] };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface MediaContent {
  'application/json': { schema: JsonSchema };
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: MediaContent;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: MediaContent };
  responses: Record<string, ResponseObject>;
  /** An empty list: the operation needs no credentials. */
  security?: Array<Record<string, string[]>>;
  /** The API key permission the operation needs, for programs; the description says it for people. */
  'x-required-permission'?: string;
}
