/**
 * The `tfplugin6.Provider` service implementation: decodes each request, calls the matching handler, encodes
 * the answer. Terraform shows a gRPC error as "Plugin error ... code = Internal" with no context, so every
 * failure inside a call (bad request bytes, a handler that throws, an unencodable answer) is reported in
 * the RPC's own response as an ERROR diagnostic instead. Stacks go to the debug log, never to the user.
 */
import type { UntypedServiceImplementation, sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';

import type { MessageDescriptor } from './codec';
import { decode, encode } from './codec';
import { errorDiagnostic } from './diagnostics';
import type { Logger } from './logger';
import type { ProviderRpc } from './rpcs';
import { PROVIDER_RPCS, STOP_PROVIDER_RPC } from './rpcs';
import type { CallContext, ProviderHandlers } from './tfplugin6';

type RawCall = ServerUnaryCall<Buffer, Buffer>;
type RawCallback = sendUnaryData<Buffer>;
type AnyHandler = (request: unknown, context: CallContext) => Promise<unknown>;

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Builds the implementation object for `providerServerDefinition()`. Handlers the object lacks are left out,
 * so grpc-js answers them UNIMPLEMENTED.
 */
export function providerImplementation(
  handlers: ProviderHandlers,
  logger: Logger,
): UntypedServiceImplementation {
  // Signals of the calls in flight: StopProvider aborts them all, so a handler that passes its signal to
  // its HTTP calls is cancelled without writing any stop logic of its own.
  const inFlight = new Set<AbortController>();
  const implementation: UntypedServiceImplementation = {};

  for (const rpc of PROVIDER_RPCS) {
    const method = handlers[rpc.handler] as AnyHandler | undefined;
    if (method === undefined) continue;
    implementation[rpc.name] = (call: RawCall, callback: RawCallback) => {
      const controller = new AbortController();
      inFlight.add(controller);
      call.on('cancelled', () => controller.abort(new Error(`${rpc.name} was cancelled by Terraform`)));
      void runUnary(rpc, method.bind(handlers), call.request, controller.signal, logger)
        .then((bytes) => callback(null, toBuffer(bytes)))
        .finally(() => inFlight.delete(controller));
    };
  }

  implementation[STOP_PROVIDER_RPC.name] = (_call: RawCall, callback: RawCallback) => {
    logger.info('StopProvider: cancelling in-flight calls', { in_flight: inFlight.size });
    for (const controller of inFlight) controller.abort(new Error('Terraform asked the provider to stop'));
    const stop = handlers.stop?.bind(handlers) ?? (() => Promise.resolve(undefined));
    void Promise.resolve()
      .then(stop)
      .then(
        (error) => error,
        (thrown: unknown) => describeError(thrown),
      )
      .then((error) => callback(null, toBuffer(encode(STOP_PROVIDER_RPC.response, error ? { error } : {}))));
  };

  return implementation;
}

async function runUnary(
  rpc: ProviderRpc,
  method: AnyHandler,
  requestBytes: Buffer,
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
