/**
 * Wire layouts of the tfplugin6 messages in `tfplugin6.ts`. Field numbers are copied from Terraform's
 * `docs/plugin-protocol/tfplugin6.proto` and must never change; property names are the camelCase of the proto
 * names. Fields newer than protocol 6.9 that only later Terraform uses (list resources, state stores,
 * actions) are left out: the decoder skips them, and we never send them.
 */
import type { FieldDescriptor, MessageDescriptor } from './codec';
import { defineMessage } from './codec';
import type * as t from './tfplugin6';

const m = defineMessage;

/** Every request and response that carries diagnostics uses the same repeated field shape. */
const diagnostics = (no: number): FieldDescriptor => ({
  no,
  name: 'diagnostics',
  kind: 'message',
  type: () => Diagnostic,
  label: 'repeated',
});

const dynamicValue = (no: number, name: string): FieldDescriptor => ({
  no,
  name,
  kind: 'message',
  type: () => DynamicValue,
});

const clientCapabilities = (no: number): FieldDescriptor => ({
  no,
  name: 'clientCapabilities',
  kind: 'message',
  type: () => ClientCapabilities,
});

const identityData = (no: number, name: string): FieldDescriptor => ({
  no,
  name,
  kind: 'message',
  type: () => ResourceIdentityData,
});

const deferred = (no: number): FieldDescriptor => ({
  no,
  name: 'deferred',
  kind: 'message',
  type: () => Deferred,
});

const typeName: FieldDescriptor = { no: 1, name: 'typeName', kind: 'string' };

// ---------------------------------------------------------------------------------------------------------
// Shared messages

export const DynamicValue: MessageDescriptor<t.DynamicValue> = m('tfplugin6.DynamicValue', [
  { no: 1, name: 'msgpack', kind: 'bytes' },
  { no: 2, name: 'json', kind: 'bytes' },
]);

export const AttributePathStep: MessageDescriptor<t.AttributePathStep> = m('tfplugin6.AttributePath.Step', [
  { no: 1, name: 'attributeName', kind: 'string', oneof: 'selector' },
  { no: 2, name: 'elementKeyString', kind: 'string', oneof: 'selector' },
  { no: 3, name: 'elementKeyInt', kind: 'int64', oneof: 'selector' },
]);

export const AttributePath: MessageDescriptor<t.AttributePath> = m('tfplugin6.AttributePath', [
  { no: 1, name: 'steps', kind: 'message', type: () => AttributePathStep, label: 'repeated' },
]);

export const Diagnostic: MessageDescriptor<t.Diagnostic> = m('tfplugin6.Diagnostic', [
  { no: 1, name: 'severity', kind: 'enum' },
  { no: 2, name: 'summary', kind: 'string' },
  { no: 3, name: 'detail', kind: 'string' },
  { no: 4, name: 'attribute', kind: 'message', type: () => AttributePath },
]);

export const FunctionError: MessageDescriptor<t.FunctionError> = m('tfplugin6.FunctionError', [
  { no: 1, name: 'text', kind: 'string' },
  { no: 2, name: 'functionArgument', kind: 'int64', label: 'optional' },
]);

export const RawState: MessageDescriptor<t.RawState> = m('tfplugin6.RawState', [
  { no: 1, name: 'json', kind: 'bytes' },
  { no: 2, name: 'flatmap', kind: 'map', value: 'string' },
]);

export const ResourceIdentityAttribute: MessageDescriptor<t.ResourceIdentityAttribute> = m(
  'tfplugin6.ResourceIdentitySchema.IdentityAttribute',
  [
    { no: 1, name: 'name', kind: 'string' },
    { no: 2, name: 'type', kind: 'bytes' },
    { no: 3, name: 'requiredForImport', kind: 'bool' },
    { no: 4, name: 'optionalForImport', kind: 'bool' },
    { no: 5, name: 'description', kind: 'string' },
  ],
);

export const ResourceIdentitySchema: MessageDescriptor<t.ResourceIdentitySchema> = m(
  'tfplugin6.ResourceIdentitySchema',
  [
    { no: 1, name: 'version', kind: 'int64' },
    {
      no: 2,
      name: 'identityAttributes',
      kind: 'message',
      type: () => ResourceIdentityAttribute,
      label: 'repeated',
    },
  ],
);

export const ResourceIdentityData: MessageDescriptor<t.ResourceIdentityData> = m(
  'tfplugin6.ResourceIdentityData',
  [dynamicValue(1, 'identityData')],
);

export const SchemaBlock: MessageDescriptor<t.SchemaBlock> = m('tfplugin6.Schema.Block', [
  { no: 1, name: 'version', kind: 'int64' },
  { no: 2, name: 'attributes', kind: 'message', type: () => SchemaAttribute, label: 'repeated' },
  { no: 3, name: 'blockTypes', kind: 'message', type: () => SchemaNestedBlock, label: 'repeated' },
  { no: 4, name: 'description', kind: 'string' },
  { no: 5, name: 'descriptionKind', kind: 'enum' },
  { no: 6, name: 'deprecated', kind: 'bool' },
]);

export const SchemaAttribute: MessageDescriptor<t.SchemaAttribute> = m('tfplugin6.Schema.Attribute', [
  { no: 1, name: 'name', kind: 'string' },
  { no: 2, name: 'type', kind: 'bytes' },
  { no: 10, name: 'nestedType', kind: 'message', type: () => SchemaObject },
  { no: 3, name: 'description', kind: 'string' },
  { no: 4, name: 'required', kind: 'bool' },
  { no: 5, name: 'optional', kind: 'bool' },
  { no: 6, name: 'computed', kind: 'bool' },
  { no: 7, name: 'sensitive', kind: 'bool' },
  { no: 8, name: 'descriptionKind', kind: 'enum' },
  { no: 9, name: 'deprecated', kind: 'bool' },
  { no: 11, name: 'writeOnly', kind: 'bool' },
]);

export const SchemaNestedBlock: MessageDescriptor<t.SchemaNestedBlock> = m('tfplugin6.Schema.NestedBlock', [
  { no: 1, name: 'typeName', kind: 'string' },
  { no: 2, name: 'block', kind: 'message', type: () => SchemaBlock },
  { no: 3, name: 'nesting', kind: 'enum' },
  { no: 4, name: 'minItems', kind: 'int64' },
  { no: 5, name: 'maxItems', kind: 'int64' },
]);

export const SchemaObject: MessageDescriptor<t.SchemaObject> = m('tfplugin6.Schema.Object', [
  { no: 1, name: 'attributes', kind: 'message', type: () => SchemaAttribute, label: 'repeated' },
  { no: 3, name: 'nesting', kind: 'enum' },
]);

export const Schema: MessageDescriptor<t.Schema> = m('tfplugin6.Schema', [
  { no: 1, name: 'version', kind: 'int64' },
  { no: 2, name: 'block', kind: 'message', type: () => SchemaBlock },
]);

export const FunctionParameter: MessageDescriptor<t.FunctionParameter> = m('tfplugin6.Function.Parameter', [
  { no: 1, name: 'name', kind: 'string' },
  { no: 2, name: 'type', kind: 'bytes' },
  { no: 3, name: 'allowNullValue', kind: 'bool' },
  { no: 4, name: 'allowUnknownValues', kind: 'bool' },
  { no: 5, name: 'description', kind: 'string' },
  { no: 6, name: 'descriptionKind', kind: 'enum' },
]);

export const FunctionReturn: MessageDescriptor<t.FunctionReturn> = m('tfplugin6.Function.Return', [
  { no: 1, name: 'type', kind: 'bytes' },
]);

export const FunctionDefinition: MessageDescriptor<t.FunctionDefinition> = m('tfplugin6.Function', [
  { no: 1, name: 'parameters', kind: 'message', type: () => FunctionParameter, label: 'repeated' },
  { no: 2, name: 'variadicParameter', kind: 'message', type: () => FunctionParameter },
  { no: 3, name: 'return', kind: 'message', type: () => FunctionReturn },
  { no: 4, name: 'summary', kind: 'string' },
  { no: 5, name: 'description', kind: 'string' },
  { no: 6, name: 'descriptionKind', kind: 'enum' },
  { no: 7, name: 'deprecationMessage', kind: 'string' },
]);

export const ServerCapabilities: MessageDescriptor<t.ServerCapabilities> = m('tfplugin6.ServerCapabilities', [
  { no: 1, name: 'planDestroy', kind: 'bool' },
  { no: 2, name: 'getProviderSchemaOptional', kind: 'bool' },
  { no: 3, name: 'moveResourceState', kind: 'bool' },
  { no: 4, name: 'generateResourceConfig', kind: 'bool' },
]);

export const ClientCapabilities: MessageDescriptor<t.ClientCapabilities> = m('tfplugin6.ClientCapabilities', [
  { no: 1, name: 'deferralAllowed', kind: 'bool' },
  { no: 2, name: 'writeOnlyAttributesAllowed', kind: 'bool' },
]);

export const Deferred: MessageDescriptor<t.Deferred> = m('tfplugin6.Deferred', [
  { no: 1, name: 'reason', kind: 'enum' },
]);

export const Timestamp: MessageDescriptor<t.Timestamp> = m('google.protobuf.Timestamp', [
  { no: 1, name: 'seconds', kind: 'int64' },
  { no: 2, name: 'nanos', kind: 'int32' },
]);

// ---------------------------------------------------------------------------------------------------------
// RPC messages

const Empty = <T>(typeName: string): MessageDescriptor<T> => m<T>(typeName, []);

export const GetMetadataRequest = Empty<t.GetMetadataRequest>('tfplugin6.GetMetadata.Request');

const TypeNameMetadata: MessageDescriptor<t.TypeNameMetadata> = m('tfplugin6.GetMetadata.TypeNameMetadata', [
  typeName,
]);

const FunctionMetadata: MessageDescriptor<t.FunctionMetadata> = m('tfplugin6.GetMetadata.FunctionMetadata', [
  { no: 1, name: 'name', kind: 'string' },
]);

export const GetMetadataResponse: MessageDescriptor<t.GetMetadataResponse> = m(
  'tfplugin6.GetMetadata.Response',
  [
    { no: 1, name: 'serverCapabilities', kind: 'message', type: () => ServerCapabilities },
    diagnostics(2),
    { no: 3, name: 'dataSources', kind: 'message', type: () => TypeNameMetadata, label: 'repeated' },
    { no: 4, name: 'resources', kind: 'message', type: () => TypeNameMetadata, label: 'repeated' },
    { no: 5, name: 'functions', kind: 'message', type: () => FunctionMetadata, label: 'repeated' },
    { no: 6, name: 'ephemeralResources', kind: 'message', type: () => TypeNameMetadata, label: 'repeated' },
  ],
);

export const GetProviderSchemaRequest = Empty<t.GetProviderSchemaRequest>(
  'tfplugin6.GetProviderSchema.Request',
);

export const GetProviderSchemaResponse: MessageDescriptor<t.GetProviderSchemaResponse> = m(
  'tfplugin6.GetProviderSchema.Response',
  [
    { no: 1, name: 'provider', kind: 'message', type: () => Schema },
    { no: 2, name: 'resourceSchemas', kind: 'map', value: () => Schema },
    { no: 3, name: 'dataSourceSchemas', kind: 'map', value: () => Schema },
    { no: 7, name: 'functions', kind: 'map', value: () => FunctionDefinition },
    { no: 8, name: 'ephemeralResourceSchemas', kind: 'map', value: () => Schema },
    diagnostics(4),
    { no: 5, name: 'providerMeta', kind: 'message', type: () => Schema },
    { no: 6, name: 'serverCapabilities', kind: 'message', type: () => ServerCapabilities },
  ],
);

export const ValidateProviderConfigRequest: MessageDescriptor<t.ValidateProviderConfigRequest> = m(
  'tfplugin6.ValidateProviderConfig.Request',
  [dynamicValue(1, 'config')],
);

export const ValidateProviderConfigResponse: MessageDescriptor<t.ValidateProviderConfigResponse> = m(
  'tfplugin6.ValidateProviderConfig.Response',
  [diagnostics(2)],
);

export const ValidateResourceConfigRequest: MessageDescriptor<t.ValidateResourceConfigRequest> = m(
  'tfplugin6.ValidateResourceConfig.Request',
  [typeName, dynamicValue(2, 'config'), clientCapabilities(3)],
);

export const ValidateResourceConfigResponse: MessageDescriptor<t.ValidateResourceConfigResponse> = m(
  'tfplugin6.ValidateResourceConfig.Response',
  [diagnostics(1)],
);

export const ValidateDataResourceConfigRequest: MessageDescriptor<t.ValidateDataResourceConfigRequest> = m(
  'tfplugin6.ValidateDataResourceConfig.Request',
  [typeName, dynamicValue(2, 'config')],
);

export const ValidateDataResourceConfigResponse: MessageDescriptor<t.ValidateDataResourceConfigResponse> = m(
  'tfplugin6.ValidateDataResourceConfig.Response',
  [diagnostics(1)],
);

export const ValidateEphemeralResourceConfigRequest: MessageDescriptor<t.ValidateEphemeralResourceConfigRequest> =
  m('tfplugin6.ValidateEphemeralResourceConfig.Request', [typeName, dynamicValue(2, 'config')]);

export const ValidateEphemeralResourceConfigResponse: MessageDescriptor<t.ValidateEphemeralResourceConfigResponse> =
  m('tfplugin6.ValidateEphemeralResourceConfig.Response', [diagnostics(1)]);

export const UpgradeResourceStateRequest: MessageDescriptor<t.UpgradeResourceStateRequest> = m(
  'tfplugin6.UpgradeResourceState.Request',
  [
    typeName,
    { no: 2, name: 'version', kind: 'int64' },
    { no: 3, name: 'rawState', kind: 'message', type: () => RawState },
  ],
);

export const UpgradeResourceStateResponse: MessageDescriptor<t.UpgradeResourceStateResponse> = m(
  'tfplugin6.UpgradeResourceState.Response',
  [dynamicValue(1, 'upgradedState'), diagnostics(2)],
);

export const GetResourceIdentitySchemasRequest = Empty<t.GetResourceIdentitySchemasRequest>(
  'tfplugin6.GetResourceIdentitySchemas.Request',
);

export const GetResourceIdentitySchemasResponse: MessageDescriptor<t.GetResourceIdentitySchemasResponse> = m(
  'tfplugin6.GetResourceIdentitySchemas.Response',
  [{ no: 1, name: 'identitySchemas', kind: 'map', value: () => ResourceIdentitySchema }, diagnostics(2)],
);

export const UpgradeResourceIdentityRequest: MessageDescriptor<t.UpgradeResourceIdentityRequest> = m(
  'tfplugin6.UpgradeResourceIdentity.Request',
  [
    typeName,
    { no: 2, name: 'version', kind: 'int64' },
    { no: 3, name: 'rawIdentity', kind: 'message', type: () => RawState },
  ],
);

export const UpgradeResourceIdentityResponse: MessageDescriptor<t.UpgradeResourceIdentityResponse> = m(
  'tfplugin6.UpgradeResourceIdentity.Response',
  [identityData(1, 'upgradedIdentity'), diagnostics(2)],
);

export const ConfigureProviderRequest: MessageDescriptor<t.ConfigureProviderRequest> = m(
  'tfplugin6.ConfigureProvider.Request',
  [{ no: 1, name: 'terraformVersion', kind: 'string' }, dynamicValue(2, 'config'), clientCapabilities(3)],
);

export const ConfigureProviderResponse: MessageDescriptor<t.ConfigureProviderResponse> = m(
  'tfplugin6.ConfigureProvider.Response',
  [diagnostics(1)],
);

export const ReadResourceRequest: MessageDescriptor<t.ReadResourceRequest> = m(
  'tfplugin6.ReadResource.Request',
  [
    typeName,
    dynamicValue(2, 'currentState'),
    { no: 3, name: 'private', kind: 'bytes' },
    dynamicValue(4, 'providerMeta'),
    clientCapabilities(5),
    identityData(6, 'currentIdentity'),
  ],
);

export const ReadResourceResponse: MessageDescriptor<t.ReadResourceResponse> = m(
  'tfplugin6.ReadResource.Response',
  [
    dynamicValue(1, 'newState'),
    diagnostics(2),
    { no: 3, name: 'private', kind: 'bytes' },
    deferred(4),
    identityData(5, 'newIdentity'),
  ],
);

export const PlanResourceChangeRequest: MessageDescriptor<t.PlanResourceChangeRequest> = m(
  'tfplugin6.PlanResourceChange.Request',
  [
    typeName,
    dynamicValue(2, 'priorState'),
    dynamicValue(3, 'proposedNewState'),
    dynamicValue(4, 'config'),
    { no: 5, name: 'priorPrivate', kind: 'bytes' },
    dynamicValue(6, 'providerMeta'),
    clientCapabilities(7),
    identityData(8, 'priorIdentity'),
  ],
);

export const PlanResourceChangeResponse: MessageDescriptor<t.PlanResourceChangeResponse> = m(
  'tfplugin6.PlanResourceChange.Response',
  [
    dynamicValue(1, 'plannedState'),
    { no: 2, name: 'requiresReplace', kind: 'message', type: () => AttributePath, label: 'repeated' },
    { no: 3, name: 'plannedPrivate', kind: 'bytes' },
    diagnostics(4),
    { no: 5, name: 'legacyTypeSystem', kind: 'bool' },
    deferred(6),
    identityData(7, 'plannedIdentity'),
  ],
);

export const ApplyResourceChangeRequest: MessageDescriptor<t.ApplyResourceChangeRequest> = m(
  'tfplugin6.ApplyResourceChange.Request',
  [
    typeName,
    dynamicValue(2, 'priorState'),
    dynamicValue(3, 'plannedState'),
    dynamicValue(4, 'config'),
    { no: 5, name: 'plannedPrivate', kind: 'bytes' },
    dynamicValue(6, 'providerMeta'),
    identityData(7, 'plannedIdentity'),
  ],
);

export const ApplyResourceChangeResponse: MessageDescriptor<t.ApplyResourceChangeResponse> = m(
  'tfplugin6.ApplyResourceChange.Response',
  [
    dynamicValue(1, 'newState'),
    { no: 2, name: 'private', kind: 'bytes' },
    diagnostics(3),
    { no: 4, name: 'legacyTypeSystem', kind: 'bool' },
    identityData(5, 'newIdentity'),
  ],
);

export const ImportResourceStateRequest: MessageDescriptor<t.ImportResourceStateRequest> = m(
  'tfplugin6.ImportResourceState.Request',
  [typeName, { no: 2, name: 'id', kind: 'string' }, clientCapabilities(3), identityData(4, 'identity')],
);

export const ImportedResource: MessageDescriptor<t.ImportedResource> = m(
  'tfplugin6.ImportResourceState.ImportedResource',
  [
    typeName,
    dynamicValue(2, 'state'),
    { no: 3, name: 'private', kind: 'bytes' },
    identityData(4, 'identity'),
  ],
);

export const ImportResourceStateResponse: MessageDescriptor<t.ImportResourceStateResponse> = m(
  'tfplugin6.ImportResourceState.Response',
  [
    { no: 1, name: 'importedResources', kind: 'message', type: () => ImportedResource, label: 'repeated' },
    diagnostics(2),
    deferred(3),
  ],
);

export const MoveResourceStateRequest: MessageDescriptor<t.MoveResourceStateRequest> = m(
  'tfplugin6.MoveResourceState.Request',
  [
    { no: 1, name: 'sourceProviderAddress', kind: 'string' },
    { no: 2, name: 'sourceTypeName', kind: 'string' },
    { no: 3, name: 'sourceSchemaVersion', kind: 'int64' },
    { no: 4, name: 'sourceState', kind: 'message', type: () => RawState },
    { no: 5, name: 'targetTypeName', kind: 'string' },
    { no: 6, name: 'sourcePrivate', kind: 'bytes' },
    { no: 7, name: 'sourceIdentity', kind: 'message', type: () => RawState },
    { no: 8, name: 'sourceIdentitySchemaVersion', kind: 'int64' },
  ],
);

export const MoveResourceStateResponse: MessageDescriptor<t.MoveResourceStateResponse> = m(
  'tfplugin6.MoveResourceState.Response',
  [
    dynamicValue(1, 'targetState'),
    diagnostics(2),
    { no: 3, name: 'targetPrivate', kind: 'bytes' },
    identityData(4, 'targetIdentity'),
  ],
);

export const ReadDataSourceRequest: MessageDescriptor<t.ReadDataSourceRequest> = m(
  'tfplugin6.ReadDataSource.Request',
  [typeName, dynamicValue(2, 'config'), dynamicValue(3, 'providerMeta'), clientCapabilities(4)],
);

export const ReadDataSourceResponse: MessageDescriptor<t.ReadDataSourceResponse> = m(
  'tfplugin6.ReadDataSource.Response',
  [dynamicValue(1, 'state'), diagnostics(2), deferred(3)],
);

export const GenerateResourceConfigRequest: MessageDescriptor<t.GenerateResourceConfigRequest> = m(
  'tfplugin6.GenerateResourceConfig.Request',
  [typeName, dynamicValue(2, 'state')],
);

export const GenerateResourceConfigResponse: MessageDescriptor<t.GenerateResourceConfigResponse> = m(
  'tfplugin6.GenerateResourceConfig.Response',
  [dynamicValue(1, 'config'), diagnostics(2)],
);

export const OpenEphemeralResourceRequest: MessageDescriptor<t.OpenEphemeralResourceRequest> = m(
  'tfplugin6.OpenEphemeralResource.Request',
  [typeName, dynamicValue(2, 'config'), clientCapabilities(3)],
);

export const OpenEphemeralResourceResponse: MessageDescriptor<t.OpenEphemeralResourceResponse> = m(
  'tfplugin6.OpenEphemeralResource.Response',
  [
    diagnostics(1),
    { no: 2, name: 'renewAt', kind: 'message', type: () => Timestamp },
    dynamicValue(3, 'result'),
    { no: 4, name: 'private', kind: 'bytes', label: 'optional' },
    deferred(5),
  ],
);

export const RenewEphemeralResourceRequest: MessageDescriptor<t.RenewEphemeralResourceRequest> = m(
  'tfplugin6.RenewEphemeralResource.Request',
  [typeName, { no: 2, name: 'private', kind: 'bytes', label: 'optional' }],
);

export const RenewEphemeralResourceResponse: MessageDescriptor<t.RenewEphemeralResourceResponse> = m(
  'tfplugin6.RenewEphemeralResource.Response',
  [
    diagnostics(1),
    { no: 2, name: 'renewAt', kind: 'message', type: () => Timestamp },
    { no: 3, name: 'private', kind: 'bytes', label: 'optional' },
  ],
);

export const CloseEphemeralResourceRequest: MessageDescriptor<t.CloseEphemeralResourceRequest> = m(
  'tfplugin6.CloseEphemeralResource.Request',
  [typeName, { no: 2, name: 'private', kind: 'bytes', label: 'optional' }],
);

export const CloseEphemeralResourceResponse: MessageDescriptor<t.CloseEphemeralResourceResponse> = m(
  'tfplugin6.CloseEphemeralResource.Response',
  [diagnostics(1)],
);

export const GetFunctionsRequest = Empty<t.GetFunctionsRequest>('tfplugin6.GetFunctions.Request');

export const GetFunctionsResponse: MessageDescriptor<t.GetFunctionsResponse> = m(
  'tfplugin6.GetFunctions.Response',
  [{ no: 1, name: 'functions', kind: 'map', value: () => FunctionDefinition }, diagnostics(2)],
);

export const CallFunctionRequest: MessageDescriptor<t.CallFunctionRequest> = m(
  'tfplugin6.CallFunction.Request',
  [
    { no: 1, name: 'name', kind: 'string' },
    { no: 2, name: 'arguments', kind: 'message', type: () => DynamicValue, label: 'repeated' },
  ],
);

export const CallFunctionResponse: MessageDescriptor<t.CallFunctionResponse> = m(
  'tfplugin6.CallFunction.Response',
  [dynamicValue(1, 'result'), { no: 2, name: 'error', kind: 'message', type: () => FunctionError }],
);

export const StopProviderRequest = Empty<t.StopProviderRequest>('tfplugin6.StopProvider.Request');

export const StopProviderResponse: MessageDescriptor<t.StopProviderResponse> = m(
  'tfplugin6.StopProvider.Response',
  [{ no: 1, name: 'error', kind: 'string' }],
);
