import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../errors';
import { METHODS_WITH_BODY, MAX_BODY_BYTES, announcesBody } from '../body';
import type { Stage } from '../pipeline';

/**
 * Refuses bodies by their headers before anything reads them: a declared length over the limit (413)
 * and a body that is not `application/json` in UTF-8 (415). Chunked bodies are counted while read.
 */
export const checkBodyHeaders: Stage = async (ctx, next) => {
  const { req } = ctx;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES)
    throw new PayloadTooLargeError(MAX_BODY_BYTES);
  if (METHODS_WITH_BODY.has(req.method ?? '') && announcesBody(req)) {
    const problem = mediaTypeProblem(req.headers['content-type']);
    if (problem !== undefined) throw new UnsupportedMediaTypeError(problem);
  }
  await next();
};

function mediaTypeProblem(header: string | undefined): string | undefined {
  if (header === undefined)
    return 'The request has a body but no Content-Type; send Content-Type: application/json.';
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') {
    return 'The request body must be JSON, sent with Content-Type: application/json.';
  }
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return 'The request body must be encoded as UTF-8 (Content-Type: application/json; charset=utf-8).';
  }
  return undefined;
}
