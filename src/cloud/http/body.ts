import type { IncomingMessage } from 'node:http';
import { InvalidRequestError, PayloadTooLargeError } from '../errors';

/** The contract's limit on request bodies. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How deeply a JSON body may nest. The contract's deepest body is four levels; every walk over a parsed
 * body (validation, canonical fingerprints, serialisation) recurses, and a 1 MiB body can nest 500,000
 * levels deep, enough to exhaust the stack and turn a bad request into a 500.
 */
export const MAX_JSON_DEPTH = 64;

/** Methods whose requests carry a JSON body; the others' bodies are ignored. */
export const METHODS_WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request announces a body (a non-zero Content-Length, or chunked transfer). */
export function announcesBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > 0;
}

/**
 * Reads and parses a JSON body: 413 as soon as it passes the limit (counted as it streams, since a
 * chunked body has no Content-Length to check up front), 400 when it is not UTF-8 or not JSON.
 * Returns undefined for an empty body.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<unknown> {
  return parseJsonBody(await readRawBody(req, limitBytes));
}

/** The body's bytes, unparsed (413 past the limit); for stages that must see the body before dispatch. */
export function readRawBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      // Keep draining without storing: destroying the request would reset the socket before the client
      // reads the 413, and the reply asks the client to close the connection anyway.
      req.off('data', onData);
      req.resume();
      reject(new PayloadTooLargeError(limitBytes));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
    // A client that disconnects mid-body emits neither 'end' nor always 'error'; settle so nothing waits forever.
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before sending the whole body'));
    });
  });
}

/** Parses body bytes as UTF-8 JSON (400 when they are not); undefined for an empty body. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new InvalidRequestError('The request body is not valid UTF-8.');
  }
  if (nestingDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new InvalidRequestError(
      `The request body is nested more than ${MAX_JSON_DEPTH} levels deep; no request needs that.`,
      { max_depth: MAX_JSON_DEPTH },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    // JSON.parse quotes the offending input in its message; only the position goes back, never the body.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new InvalidRequestError(
      `The request body is not valid JSON${position === undefined ? '' : ` (error at position ${position})`}.`,
      position === undefined ? undefined : { position: Number(position) },
    );
  }
  // Valid UTF-8 cannot hold a lone surrogate, but a JSON escape can (`"\ud800"`): such a string is not
  // text, and SQLite would store it as U+FFFD, so what the client reads back would differ from what it sent.
  if (ESCAPED_SURROGATE.test(text) && holdsLoneSurrogate(value)) {
    throw new InvalidRequestError(
      'The request body holds a string with an unpaired UTF-16 surrogate escape; strings must be valid Unicode.',
    );
  }
  return value;
}

const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `[` and `{` outside strings nest deeper than `limit`, in one linear pass over the text. Run
 * before JSON.parse, so nothing downstream ever walks a deeper value. Malformed text is left to the
 * parser, which reports it with its position.
 */
function nestingDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i += 1; // a backslash: the next character is escaped, whatever it is
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/** Iterative, so no body can exhaust the stack (the depth is bounded before this runs, too). */
function holdsLoneSurrogate(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return true;
    } else if (Array.isArray(value)) {
      // One by one: spreading a 100,000-element array into push() would overflow the stack itself.
      for (const item of value as unknown[]) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}
