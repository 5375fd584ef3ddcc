/**
 * The messages of Terraform's plugin protocol 6 (tfplugin6, 6.9 as spoken by Terraform 1.11, plus the few
 * later fields that are harmless to older clients) as TypeScript types, and the `ProviderHandlers` contract
 * the gRPC server dispatches to. The wire descriptors that encode and decode these live in
 * `tfplugin6-descriptors.ts`.
 *
 * Conventions (one rule for every message, so nobody has to guess per field):
 * - Names are the camelCase of the proto names; nested proto messages are flattened
 *   (`Schema.Block` → `SchemaBlock`, `GetProviderSchema.Response` → `GetProviderSchemaResponse`).
 * - `bytes` are `Uint8Array`; int64/int32 are `number`. Every int64 in this protocol is small (schema and
 *   identity versions, item counts, list indexes); the decoder refuses a value beyond
 *   `Number.MAX_SAFE_INTEGER` rather than round it.
 * - Decoded messages (requests) always carry proto3 defaults for strings, bools, numbers, enums, repeated
 *   fields and maps. `bytes`, message-typed and proto3 `optional` fields are `undefined` when absent, because
 *   for them "absent" means something (`DynamicValue.msgpack` vs `.json`, no prior private data).
 * - Messages the provider builds (responses) have optional fields wherever the proto3 default is the
 *   sensible answer; the encoder omits defaults.
 * - `DynamicValue` stays opaque here: the value codec (`values/`) turns it into values.
 */

// ---------------------------------------------------------------------------------------------------------
// Enums (the numbers are wire facts)

export const DiagnosticSeverity = { INVALID: 0, ERROR: 1, WARNING: 2 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

export const StringKind = { PLAIN: 0, MARKDOWN: 1 } as const;
export type StringKind = (typeof StringKind)[keyof typeof StringKind];

/** `Schema.NestedBlock.NestingMode`: how a block may be repeated in configuration. */
export const BlockNesting = { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } as const;
export type BlockNesting = (typeof BlockNesting)[keyof typeof BlockNesting];

/** `Schema.Object.NestingMode`: the shape of a nested attribute (no GROUP, unlike blocks). */
export const ObjectNesting = { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4 } as const;
export type ObjectNesting = (typeof ObjectNesting)[keyof typeof ObjectNesting];

export const DeferredReason = {
  UNKNOWN: 0,
  RESOURCE_CONFIG_UNKNOWN: 1,
  PROVIDER_CONFIG_UNKNOWN: 2,
  ABSENT_PREREQ: 3,
} as const;
export type DeferredReason = (typeof DeferredReason)[keyof typeof DeferredReason];

// ---------------------------------------------------------------------------------------------------------
// Shared messages

/** A Terraform value, encoded in msgpack (always, in our answers) or JSON (only `RawState`-like inputs). */
export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

/** One step of an attribute path: exactly one selector of the proto `oneof selector`. */
export type AttributePathStep =
  { attributeName: string } | { elementKeyString: string } | { elementKeyInt: number };

export interface AttributePath {
  steps: AttributePathStep[];
}

export interface Diagnostic {
  severity: DiagnosticSeverity;
  summary: string;
  detail?: string;
  attribute?: AttributePath;
}

export interface FunctionError {
  text: string;
  /** Index of the argument at fault (proto3 `optional`: 0 is a real index). */
  functionArgument?: number;
}

/** State as Terraform stored it: JSON for every state written since 0.12; `flatmap` is the pre-0.12 form. */
export interface RawState {
  json?: Uint8Array;
  flatmap: Record<string, string>;
}

export interface ResourceIdentityAttribute {
  name: string;
  /** JSON text of the cty type, as in `SchemaAttribute.type`. */
  type: Uint8Array;
  requiredForImport?: boolean;
  optionalForImport?: boolean;
  description?: string;
}

export interface ResourceIdentitySchema {
  version?: number;
  identityAttributes: ResourceIdentityAttribute[];
}

export interface ResourceIdentityData {
  identityData?: DynamicValue;
}

export interface Schema {
  /** The resource's state schema version (`UpgradeResourceState` gets the stored one). */
  version?: number;
  block: SchemaBlock;
}

export interface SchemaBlock {
  version?: number;
  attributes?: SchemaAttribute[];
  blockTypes?: SchemaNestedBlock[];
  description?: string;
  descriptionKind?: StringKind;
  deprecated?: boolean;
}

export interface SchemaAttribute {
  name: string;
  /**
   * JSON text of the cty type as bytes, quotes included: `"string"`, `["list","string"]`. Exactly one of
   * `type` and `nestedType` is set.
   */
  type?: Uint8Array;
  nestedType?: SchemaObject;
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  descriptionKind?: StringKind;
  deprecated?: boolean;
  writeOnly?: boolean;
}

export interface SchemaNestedBlock {
  typeName: string;
  block: SchemaBlock;
  nesting: BlockNesting;
  minItems?: number;
  maxItems?: number;
}

/** A nested attribute's object type (`Schema.Object`); its deprecated min/max items are not modelled. */
export interface SchemaObject {
  attributes: SchemaAttribute[];
  nesting: ObjectNesting;
}

export interface FunctionParameter {
  name: string;
  type: Uint8Array;
  allowNullValue?: boolean;
  allowUnknownValues?: boolean;
  description?: string;
  descriptionKind?: StringKind;
}

export interface FunctionReturn {
  type: Uint8Array;
}

export interface FunctionDefinition {
  parameters: FunctionParameter[];
  variadicParameter?: FunctionParameter;
  return: FunctionReturn;
  summary?: string;
  description?: string;
  descriptionKind?: StringKind;
  deprecationMessage?: string;
}

export interface ServerCapabilities {
  planDestroy?: boolean;
  getProviderSchemaOptional?: boolean;
  moveResourceState?: boolean;
  /** Protocol 6.10; ignored by Terraform 1.11. */
  generateResourceConfig?: boolean;
}

export interface ClientCapabilities {
  deferralAllowed: boolean;
  writeOnlyAttributesAllowed: boolean;
}

export interface Deferred {
  reason: DeferredReason;
}

/** `google.protobuf.Timestamp`. */
export interface Timestamp {
  seconds: number;
  nanos?: number;
}

// ---------------------------------------------------------------------------------------------------------
// RPC messages

export type GetMetadataRequest = Record<string, never>;

export interface TypeNameMetadata {
  typeName: string;
}

export interface FunctionMetadata {
  name: string;
}

export interface GetMetadataResponse {
  serverCapabilities?: ServerCapabilities;
  diagnostics?: Diagnostic[];
  dataSources?: TypeNameMetadata[];
  resources?: TypeNameMetadata[];
  functions?: FunctionMetadata[];
  ephemeralResources?: TypeNameMetadata[];
}

export type GetProviderSchemaRequest = Record<string, never>;

export interface GetProviderSchemaResponse {
  provider?: Schema;
  resourceSchemas?: Record<string, Schema>;
  dataSourceSchemas?: Record<string, Schema>;
  functions?: Record<string, FunctionDefinition>;
  ephemeralResourceSchemas?: Record<string, Schema>;
  diagnostics?: Diagnostic[];
  providerMeta?: Schema;
  serverCapabilities?: ServerCapabilities;
}

export interface ValidateProviderConfigRequest {
  config?: DynamicValue;
}

export interface ValidateProviderConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface ValidateResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ValidateResourceConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface ValidateDataResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
}

export interface ValidateDataResourceConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface ValidateEphemeralResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
}

export interface ValidateEphemeralResourceConfigResponse {
  diagnostics?: Diagnostic[];
}

export interface UpgradeResourceStateRequest {
  typeName: string;
  /** The schema version recorded in the state. */
  version: number;
  /** JSON (not msgpack) of the state as stored, in the schema of `version`. */
  rawState?: RawState;
}

export interface UpgradeResourceStateResponse {
  upgradedState?: DynamicValue;
  diagnostics?: Diagnostic[];
}

export type GetResourceIdentitySchemasRequest = Record<string, never>;

export interface GetResourceIdentitySchemasResponse {
  identitySchemas?: Record<string, ResourceIdentitySchema>;
  diagnostics?: Diagnostic[];
}

export interface UpgradeResourceIdentityRequest {
  typeName: string;
  version: number;
  rawIdentity?: RawState;
}

export interface UpgradeResourceIdentityResponse {
  upgradedIdentity?: ResourceIdentityData;
  diagnostics?: Diagnostic[];
}

export interface ConfigureProviderRequest {
  terraformVersion: string;
  /** Holds the provider configuration, secrets included: never log it. */
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ConfigureProviderResponse {
  diagnostics?: Diagnostic[];
}

export interface ReadResourceRequest {
  typeName: string;
  currentState?: DynamicValue;
  private?: Uint8Array;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
  currentIdentity?: ResourceIdentityData;
}

export interface ReadResourceResponse {
  newState?: DynamicValue;
  diagnostics?: Diagnostic[];
  private?: Uint8Array;
  deferred?: Deferred;
  newIdentity?: ResourceIdentityData;
}

export interface PlanResourceChangeRequest {
  typeName: string;
  priorState?: DynamicValue;
  proposedNewState?: DynamicValue;
  config?: DynamicValue;
  priorPrivate?: Uint8Array;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
  priorIdentity?: ResourceIdentityData;
}

export interface PlanResourceChangeResponse {
  plannedState?: DynamicValue;
  requiresReplace?: AttributePath[];
  plannedPrivate?: Uint8Array;
  diagnostics?: Diagnostic[];
  /**
   * Terraform then accepts a planned value that differs from the configuration (logging a warning) instead
   * of failing the plan. Meant for the legacy Go SDK; the framework sets it only on plans that keep the prior
   * spelling of an equivalent configured value (see framework/server.ts).
   */
  legacyTypeSystem?: boolean;
  deferred?: Deferred;
  plannedIdentity?: ResourceIdentityData;
}

export interface ApplyResourceChangeRequest {
  typeName: string;
  priorState?: DynamicValue;
  plannedState?: DynamicValue;
  config?: DynamicValue;
  plannedPrivate?: Uint8Array;
  providerMeta?: DynamicValue;
  plannedIdentity?: ResourceIdentityData;
}

export interface ApplyResourceChangeResponse {
  newState?: DynamicValue;
  private?: Uint8Array;
  diagnostics?: Diagnostic[];
  /** Reserved for the legacy Go SDK; never set it. */
  legacyTypeSystem?: boolean;
  newIdentity?: ResourceIdentityData;
}

export interface ImportResourceStateRequest {
  typeName: string;
  id: string;
  clientCapabilities?: ClientCapabilities;
  identity?: ResourceIdentityData;
}

export interface ImportedResource {
  typeName: string;
  state?: DynamicValue;
  private?: Uint8Array;
  identity?: ResourceIdentityData;
}

export interface ImportResourceStateResponse {
  importedResources?: ImportedResource[];
  diagnostics?: Diagnostic[];
  deferred?: Deferred;
}

export interface MoveResourceStateRequest {
  sourceProviderAddress: string;
  sourceTypeName: string;
  sourceSchemaVersion: number;
  sourceState?: RawState;
  targetTypeName: string;
  sourcePrivate?: Uint8Array;
  sourceIdentity?: RawState;
  sourceIdentitySchemaVersion: number;
}

export interface MoveResourceStateResponse {
  targetState?: DynamicValue;
  diagnostics?: Diagnostic[];
  targetPrivate?: Uint8Array;
  targetIdentity?: ResourceIdentityData;
}

export interface ReadDataSourceRequest {
  typeName: string;
  config?: DynamicValue;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface ReadDataSourceResponse {
  state?: DynamicValue;
  diagnostics?: Diagnostic[];
  deferred?: Deferred;
}

/** Protocol 6.10 (`terraform plan -generate-config-out` in later Terraform); Terraform 1.11 never calls it. */
export interface GenerateResourceConfigRequest {
  typeName: string;
  state?: DynamicValue;
}

export interface GenerateResourceConfigResponse {
  config?: DynamicValue;
  diagnostics?: Diagnostic[];
}

export interface OpenEphemeralResourceRequest {
  typeName: string;
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}

export interface OpenEphemeralResourceResponse {
  diagnostics?: Diagnostic[];
  renewAt?: Timestamp;
  result?: DynamicValue;
  private?: Uint8Array;
  deferred?: Deferred;
}

export interface RenewEphemeralResourceRequest {
  typeName: string;
  private?: Uint8Array;
}

export interface RenewEphemeralResourceResponse {
  diagnostics?: Diagnostic[];
  renewAt?: Timestamp;
  private?: Uint8Array;
}

export interface CloseEphemeralResourceRequest {
  typeName: string;
  private?: Uint8Array;
}

export interface CloseEphemeralResourceResponse {
  diagnostics?: Diagnostic[];
}

export type GetFunctionsRequest = Record<string, never>;

export interface GetFunctionsResponse {
  functions?: Record<string, FunctionDefinition>;
  diagnostics?: Diagnostic[];
}

export interface CallFunctionRequest {
  name: string;
  arguments: DynamicValue[];
}

export interface CallFunctionResponse {
  result?: DynamicValue;
  error?: FunctionError;
}

export type StopProviderRequest = Record<string, never>;

export interface StopProviderResponse {
  /** Proto field `Error` (capitalised on the wire; the name does not travel). Empty means stopped. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------------------
// The contract the gRPC server dispatches to

/** Per-call facts the server hands to every handler. */
export interface CallContext {
  /**
   * Aborted when Terraform cancels the call (its context ended, the connection dropped) and when Terraform
   * sends StopProvider: pass it to every outgoing API call and Ctrl-C cancels them with no further code.
   */
  readonly signal: AbortSignal;
}

/**
 * One async method per `tfplugin6.Provider` RPC. A method left out answers gRPC UNIMPLEMENTED (except `stop`). A method that
 * throws (or rejects) answers with an ERROR diagnostic carrying the error's message, for every RPC whose
 * response has diagnostics; `callFunction` answers a `FunctionError` instead, and `stop` an error text.
 */
export interface ProviderHandlers {
  getMetadata?(request: GetMetadataRequest, context: CallContext): Promise<GetMetadataResponse>;
  getProviderSchema?(
    request: GetProviderSchemaRequest,
    context: CallContext,
  ): Promise<GetProviderSchemaResponse>;
  validateProviderConfig?(
    request: ValidateProviderConfigRequest,
    context: CallContext,
  ): Promise<ValidateProviderConfigResponse>;
  validateResourceConfig?(
    request: ValidateResourceConfigRequest,
    context: CallContext,
  ): Promise<ValidateResourceConfigResponse>;
  validateDataResourceConfig?(
    request: ValidateDataResourceConfigRequest,
    context: CallContext,
  ): Promise<ValidateDataResourceConfigResponse>;
  upgradeResourceState?(
    request: UpgradeResourceStateRequest,
    context: CallContext,
  ): Promise<UpgradeResourceStateResponse>;
  getResourceIdentitySchemas?(
    request: GetResourceIdentitySchemasRequest,
    context: CallContext,
  ): Promise<GetResourceIdentitySchemasResponse>;
  upgradeResourceIdentity?(
    request: UpgradeResourceIdentityRequest,
    context: CallContext,
  ): Promise<UpgradeResourceIdentityResponse>;
  configureProvider?(
    request: ConfigureProviderRequest,
    context: CallContext,
  ): Promise<ConfigureProviderResponse>;
  readResource?(request: ReadResourceRequest, context: CallContext): Promise<ReadResourceResponse>;
  planResourceChange?(
    request: PlanResourceChangeRequest,
    context: CallContext,
  ): Promise<PlanResourceChangeResponse>;
  applyResourceChange?(
    request: ApplyResourceChangeRequest,
    context: CallContext,
  ): Promise<ApplyResourceChangeResponse>;
  importResourceState?(
    request: ImportResourceStateRequest,
    context: CallContext,
  ): Promise<ImportResourceStateResponse>;
  moveResourceState?(
    request: MoveResourceStateRequest,
    context: CallContext,
  ): Promise<MoveResourceStateResponse>;
  readDataSource?(request: ReadDataSourceRequest, context: CallContext): Promise<ReadDataSourceResponse>;
  generateResourceConfig?(
    request: GenerateResourceConfigRequest,
    context: CallContext,
  ): Promise<GenerateResourceConfigResponse>;
  validateEphemeralResourceConfig?(
    request: ValidateEphemeralResourceConfigRequest,
    context: CallContext,
  ): Promise<ValidateEphemeralResourceConfigResponse>;
  openEphemeralResource?(
    request: OpenEphemeralResourceRequest,
    context: CallContext,
  ): Promise<OpenEphemeralResourceResponse>;
  renewEphemeralResource?(
    request: RenewEphemeralResourceRequest,
    context: CallContext,
  ): Promise<RenewEphemeralResourceResponse>;
  closeEphemeralResource?(
    request: CloseEphemeralResourceRequest,
    context: CallContext,
  ): Promise<CloseEphemeralResourceResponse>;
  getFunctions?(request: GetFunctionsRequest, context: CallContext): Promise<GetFunctionsResponse>;
  callFunction?(request: CallFunctionRequest, context: CallContext): Promise<CallFunctionResponse>;
  /**
   * `StopProvider`: Terraform asks the provider to abandon in-flight work (the user pressed Ctrl-C). The
   * server has already aborted every in-flight call's `signal` when this runs; implement it only for extra
   * work. Resolve `undefined` on success or an error text Terraform shows. Unlike the RPC methods, leaving it
   * out answers success (the signals are the stop), not UNIMPLEMENTED.
   */
  stop?(): Promise<string | undefined>;
}
