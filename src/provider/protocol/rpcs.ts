/**
 * The table of `tfplugin6.Provider` RPCs this layer serves: proto method name, handler method, message
 * layouts, and how a failed handler is reported in that RPC's response. One table drives the server, the
 * test client, and the UNIMPLEMENTED answers, so they cannot disagree.
 */
import type { MessageDescriptor } from './codec';
import * as d from './tfplugin6-descriptors';
import type { Diagnostic, ProviderHandlers } from './tfplugin6';

export type RpcHandlerName = Exclude<keyof ProviderHandlers, 'stop'>;

export interface ProviderRpc {
  /** Method name in `service Provider` (the path is `/tfplugin6.Provider/<name>`). */
  readonly name: string;
  readonly handler: RpcHandlerName;
  readonly request: MessageDescriptor;
  readonly response: MessageDescriptor;
  /** The response that reports a handler failure (diagnostics, or a FunctionError for CallFunction). */
  readonly failure: (diagnostic: Diagnostic) => unknown;
}

export const PROVIDER_SERVICE_NAME = 'tfplugin6.Provider';

const withDiagnostics = (diagnostic: Diagnostic): unknown => ({ diagnostics: [diagnostic] });

function rpc<Req, Res>(
  name: string,
  handler: RpcHandlerName,
  request: MessageDescriptor<Req>,
  response: MessageDescriptor<Res>,
  failure: (diagnostic: Diagnostic) => unknown = withDiagnostics,
): ProviderRpc {
  return { name, handler, request, response, failure };
}

export const PROVIDER_RPCS: readonly ProviderRpc[] = [
  rpc('GetMetadata', 'getMetadata', d.GetMetadataRequest, d.GetMetadataResponse),
  rpc('GetProviderSchema', 'getProviderSchema', d.GetProviderSchemaRequest, d.GetProviderSchemaResponse),
  rpc(
    'ValidateProviderConfig',
    'validateProviderConfig',
    d.ValidateProviderConfigRequest,
    d.ValidateProviderConfigResponse,
  ),
  rpc(
    'ValidateResourceConfig',
    'validateResourceConfig',
    d.ValidateResourceConfigRequest,
    d.ValidateResourceConfigResponse,
  ),
  rpc(
    'ValidateDataResourceConfig',
    'validateDataResourceConfig',
    d.ValidateDataResourceConfigRequest,
    d.ValidateDataResourceConfigResponse,
  ),
  rpc(
    'UpgradeResourceState',
    'upgradeResourceState',
    d.UpgradeResourceStateRequest,
    d.UpgradeResourceStateResponse,
  ),
  rpc(
    'GetResourceIdentitySchemas',
    'getResourceIdentitySchemas',
    d.GetResourceIdentitySchemasRequest,
    d.GetResourceIdentitySchemasResponse,
  ),
  rpc(
    'UpgradeResourceIdentity',
    'upgradeResourceIdentity',
    d.UpgradeResourceIdentityRequest,
    d.UpgradeResourceIdentityResponse,
  ),
  rpc('ConfigureProvider', 'configureProvider', d.ConfigureProviderRequest, d.ConfigureProviderResponse),
  rpc('ReadResource', 'readResource', d.ReadResourceRequest, d.ReadResourceResponse),
  rpc('PlanResourceChange', 'planResourceChange', d.PlanResourceChangeRequest, d.PlanResourceChangeResponse),
  rpc(
    'ApplyResourceChange',
    'applyResourceChange',
    d.ApplyResourceChangeRequest,
    d.ApplyResourceChangeResponse,
  ),
  rpc(
    'ImportResourceState',
    'importResourceState',
    d.ImportResourceStateRequest,
    d.ImportResourceStateResponse,
  ),
  rpc('MoveResourceState', 'moveResourceState', d.MoveResourceStateRequest, d.MoveResourceStateResponse),
  rpc('ReadDataSource', 'readDataSource', d.ReadDataSourceRequest, d.ReadDataSourceResponse),
  rpc(
    'GenerateResourceConfig',
    'generateResourceConfig',
    d.GenerateResourceConfigRequest,
    d.GenerateResourceConfigResponse,
  ),
  rpc(
    'ValidateEphemeralResourceConfig',
    'validateEphemeralResourceConfig',
    d.ValidateEphemeralResourceConfigRequest,
    d.ValidateEphemeralResourceConfigResponse,
  ),
  rpc(
    'OpenEphemeralResource',
    'openEphemeralResource',
    d.OpenEphemeralResourceRequest,
    d.OpenEphemeralResourceResponse,
  ),
  rpc(
    'RenewEphemeralResource',
    'renewEphemeralResource',
    d.RenewEphemeralResourceRequest,
    d.RenewEphemeralResourceResponse,
  ),
  rpc(
    'CloseEphemeralResource',
    'closeEphemeralResource',
    d.CloseEphemeralResourceRequest,
    d.CloseEphemeralResourceResponse,
  ),
  rpc('GetFunctions', 'getFunctions', d.GetFunctionsRequest, d.GetFunctionsResponse),
  rpc('CallFunction', 'callFunction', d.CallFunctionRequest, d.CallFunctionResponse, (diagnostic) => ({
    error: { text: diagnostic.detail ? `${diagnostic.summary}: ${diagnostic.detail}` : diagnostic.summary },
  })),
];

/** StopProvider is outside the table: its handler takes no request and answers an error text. */
export const STOP_PROVIDER_RPC = {
  name: 'StopProvider',
  request: d.StopProviderRequest,
  response: d.StopProviderResponse,
} as const;
