/**
 * The `tfplugin6.Provider` service implementation: decodes each request, calls the matching handler, encodes
 * the answer. Terraform shows a gRPC error as "Plugin error ... code = Internal" with no context, so every
 * failure inside a call (bad request bytes, a handler that throws, an unencodable answer) is reported in
 * the RPC's own response as an ERROR diagnostic instead. Stacks go to the debug log, never to the user.
 */
import type { MessageDescriptor } from './codec';
import { decode, encode } from './codec';
import { errorDiagnostic } from './diagnostics';
import type { GrpcCallContext, GrpcRoute, UnaryHandler } from './grpc/server';
import type { Logger } from './logger';
import type { ProviderRpc } from './rpcs';
import { PROVIDER_RPCS, PROVIDER_SERVICE_NAME, STOP_PROVIDER_RPC } from './rpcs';
import type { CallContext, ProviderHandlers } from './tfplugin6';

type AnyHandler = (request: unknown, context: CallContext) => Promise<unknown>;

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export const providerMethodPath = (method: string): string => `/${PROVIDER_SERVICE_NAME}/${method}`;

/**
 * The routes of `tfplugin6.Provider`, keyed by gRPC path. Handlers the object lacks get no route, so the
 * server answers them UNIMPLEMENTED.
 */
export function providerRoutes(handlers: ProviderHandlers, logger: Logger): Map<string, GrpcRoute> {
  // The calls in flight: StopProvider aborts their signals, so a handler that passes its signal to its HTTP
  // calls is cancelled without writing any stop logic of its own.
  const inFlight = new Set<GrpcCallContext>();
  const routes = new Map<string, GrpcRoute>();

  for (const rpc of PROVIDER_RPCS) {
    const method = handlers[rpc.handler] as AnyHandler | undefined;
    if (method === undefined) continue;
    const bound = method.bind(handlers);
    const handle: UnaryHandler = async (requestBytes, call) => {
      inFlight.add(call);
      try {
        return await runUnary(rpc, bound, requestBytes, call.signal, logger);
      } finally {
        inFlight.delete(call);
      }
    };
    routes.set(providerMethodPath(rpc.name), { kind: 'unary', handle });
  }

  const stop = handlers.stop?.bind(handlers) ?? (() => Promise.resolve(undefined));
  routes.set(providerMethodPath(STOP_PROVIDER_RPC.name), {
    kind: 'unary',
    handle: async () => {
      logger.info('StopProvider: cancelling in-flight calls', { in_flight: inFlight.size });
      for (const call of inFlight) call.abort(new Error('Terraform asked the provider to stop'));
      let error: string | undefined;
      try {
        error = await stop();
      } catch (thrown) {
        error = describeError(thrown);
      }
      return encode(STOP_PROVIDER_RPC.response, error ? { error } : {});
    },
  });

  return routes;
}

async function runUnary(
  rpc: ProviderRpc,
  method: AnyHandler,
  requestBytes: Uint8Array,
  signal: AbortSignal,
  logger: Logger,
): Promise<Uint8Array> {
  const started = performance.now();
  let stage = 'decoding the request';
  try {
    const request = decode(rpc.request, requestBytes);
    stage = 'handling the request';
    const response = await method(request, { signal });
    stage = 'encoding the response';
    const bytes = encode(rpc.response as MessageDescriptor<unknown>, response);
    logger.trace(`${rpc.name} done`, { duration_ms: Math.round(performance.now() - started) });
    return bytes;
  } catch (error) {
    logger.error(`${rpc.name} failed while ${stage}`, {
      error: describeError(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    const diagnostic = errorDiagnostic(
      `Provider error in ${rpc.name}`,
      `The provider failed while ${stage}: ${describeError(error)}`,
    );
    return encode(rpc.response as MessageDescriptor<unknown>, rpc.failure(diagnostic));
  }
}
