import type { Dispatcher } from 'undici';
import type { Endpoint } from '../endpoint';
import { LightyearAbortedError, LightyearResponseTooLargeError } from '../errors';
import { linkSignals } from '../linked-signal';
import { timeoutError, toConnectionError } from './connection-failures';
import type { ApiRequest, RawResponse, Transport } from './types';

export interface UndiciTransportOptions {
  endpoint: Endpoint;
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Reading stops, and the call fails, once the body passes this many bytes. */
  maxResponseBytes: number;
}

/**
 * The end of the chain: one HTTP exchange through undici. The timeout covers the whole exchange, body included,
 * so a server that stalls mid-body cannot hang a Terraform run.
 */
export function undiciTransport({
  endpoint,
  dispatcher,
  timeoutMs,
  maxResponseBytes,
}: UndiciTransportOptions): Transport {
  return async (request) => {
    if (request.signal.aborted) throw new LightyearAbortedError();
    const attempt = linkSignals([request.signal]);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attempt.abort();
    }, timeoutMs);
    const hasBody = request.body !== undefined;
    try {
      const response = await dispatcher.request({
        origin: endpoint.origin,
        path: endpoint.basePath + request.path + queryString(request.query),
        method: request.method,
        headers: hasBody ? { ...request.headers, 'content-type': 'application/json' } : request.headers,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        signal: attempt.signal,
      });
      const headers = firstValues(response.headers);
      const tooLarge = (): LightyearResponseTooLargeError => {
        attempt.abort();
        return new LightyearResponseTooLargeError(
          `the answer to ${request.method} ${request.path} is larger than the client's limit of ` +
            `${formatBytes(maxResponseBytes)} (maxResponseBytes)`,
          maxResponseBytes,
          { status: response.statusCode, requestId: headers['x-request-id'] },
        );
      };
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxResponseBytes) throw tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxResponseBytes) throw tooLarge();
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks, size).toString('utf8');
      return { status: response.statusCode, headers, text };
    } catch (err) {
      if (err instanceof LightyearResponseTooLargeError) throw err;
      if (request.signal.aborted) throw new LightyearAbortedError();
      if (timedOut) throw timeoutError(endpoint.href, timeoutMs);
      throw toConnectionError(err, endpoint.href);
    } finally {
      clearTimeout(timer);
      attempt.dispose();
    }
  };
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function queryString(query: ApiRequest['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function firstValues(headers: Record<string, string | string[] | undefined>): RawResponse['headers'] {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name.toLowerCase()] = first;
  }
  return out;
}
