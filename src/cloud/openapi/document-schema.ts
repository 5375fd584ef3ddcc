import { z } from 'zod';

/**
 * The answer of `GET /v1/openapi.json`, as far as a client may rely on it: an OpenAPI 3.1 document with
 * info and paths. Its full shape is OpenAPI's own, so the rest is left open.
 */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.unknown()),
});
