/**
 * grpc-js client definitions of the services the provider serves, built from our own descriptors. Tests
 * talk to our node:http2 gRPC server through grpc-js, an independent gRPC implementation, so that framing,
 * trailers, TLS and cancellation are checked against someone else's reading of the spec.
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

import type { MessageDescriptor } from '../../src/provider/protocol/codec';
import { decode, encode } from '../../src/provider/protocol/codec';
import * as plugin from '../../src/provider/protocol/go-plugin';
import { PROVIDER_RPCS, PROVIDER_SERVICE_NAME, STOP_PROVIDER_RPC } from '../../src/provider/protocol/rpcs';

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface Streaming {
  requestStream?: boolean;
  responseStream?: boolean;
}

export function codecMethod<Req, Res>(
  path: string,
  request: MessageDescriptor<Req>,
  response: MessageDescriptor<Res>,
  streaming: Streaming = {},
): MethodDefinition<Req, Res> {
  return {
    path,
    requestStream: streaming.requestStream ?? false,
    responseStream: streaming.responseStream ?? false,
    requestSerialize: (value) => toBuffer(encode(request, value)),
    requestDeserialize: (bytes) => decode(request, bytes),
    responseSerialize: (value) => toBuffer(encode(response, value)),
    responseDeserialize: (bytes) => decode(response, bytes),
  };
}

const providerPath = (method: string): string => `/${PROVIDER_SERVICE_NAME}/${method}`;

export function providerClientDefinition(): ServiceDefinition {
  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const rpc of PROVIDER_RPCS) {
    definition[rpc.name] = codecMethod(providerPath(rpc.name), rpc.request, rpc.response);
  }
  definition[STOP_PROVIDER_RPC.name] = codecMethod(
    providerPath(STOP_PROVIDER_RPC.name),
    STOP_PROVIDER_RPC.request,
    STOP_PROVIDER_RPC.response,
  ) as MethodDefinition<unknown, unknown>;
  return definition;
}

export const controllerDefinition: ServiceDefinition = {
  Shutdown: codecMethod('/plugin.GRPCController/Shutdown', plugin.Empty, plugin.Empty),
};

export const stdioDefinition: ServiceDefinition = {
  StreamStdio: codecMethod('/plugin.GRPCStdio/StreamStdio', plugin.Empty, plugin.StdioData, {
    responseStream: true,
  }),
};

export const brokerDefinition: ServiceDefinition = {
  StartStream: codecMethod('/plugin.GRPCBroker/StartStream', plugin.ConnInfo, plugin.ConnInfo, {
    requestStream: true,
    responseStream: true,
  }),
};
