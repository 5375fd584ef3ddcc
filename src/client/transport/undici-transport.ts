import type { Dispatcher } from 'undici';
import type { Endpoint } from '../endpoint';
import { LightyearAbortedError } from '../errors';
import { linkSignals } from '../linked-signal';
import { timeoutError, toConnectionError } from './connection-failures';
import type { ApiRequest, RawResponse, Transport } from './types';

export interface UndiciTransportOptions {
  endpoint: Endpoint;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/**
 * The end of the chain: one HTTP exchange through undici. The timeout covers the whole exchange, body included,
 * so a server that stalls mid-body cannot hang a Terraform run.
 */
export function undiciTransport({ endpoint, dispatcher, timeoutMs }: UndiciTransportOptions): Transport {
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
      const text = await response.body.text();
      return { status: response.statusCode, headers: firstValues(response.headers), text };
    } catch (err) {
      if (request.signal.aborted) throw new LightyearAbortedError();
      if (timedOut) throw timeoutError(endpoint.href, timeoutMs);
      throw toConnectionError(err, endpoint.href);
    } finally {
      clearTimeout(timer);
      attempt.dispose();
    }
  };
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
