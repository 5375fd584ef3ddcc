/**
 * grpc-js service definitions built from our descriptors (no .proto parsing at run time). The go-plugin
 * services use the codec as their (de)serializers. The provider service is served on raw bytes: its
 * handlers decode and encode themselves, so that a malformed request or an unencodable response becomes a
 * diagnostic instead of a bare gRPC INTERNAL. `providerClientDefinition` is the codec-typed twin for clients
 * (tests, tools).
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

import type { MessageDescriptor } from './codec';
import { decode, encode } from './codec';
import * as plugin from './go-plugin';
import { PROVIDER_RPCS, PROVIDER_SERVICE_NAME, STOP_PROVIDER_RPC } from './rpcs';

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

function rawMethod(path: string): MethodDefinition<Buffer, Buffer> {
  const identity = (bytes: Buffer): Buffer => bytes;
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  };
}

const providerPath = (method: string): string => `/${PROVIDER_SERVICE_NAME}/${method}`;

/** Keys are the proto method names; the server implementation object uses the same keys. */
export function providerServerDefinition(): ServiceDefinition {
  const definition: Record<string, MethodDefinition<Buffer, Buffer>> = {};
  for (const rpc of PROVIDER_RPCS) definition[rpc.name] = rawMethod(providerPath(rpc.name));
  definition[STOP_PROVIDER_RPC.name] = rawMethod(providerPath(STOP_PROVIDER_RPC.name));
  return definition;
}

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
