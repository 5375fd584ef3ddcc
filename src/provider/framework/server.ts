import type * as tf from '../protocol/tfplugin6';
import {
  decodeJsonValue,
  decodeMsgpackValue,
  encodeMsgpackValue,
  isObjectValue,
  isWhollyKnown,
  Unknown,
  type CtyType,
  type ObjectValue,
  type Value,
} from '../protocol/values';
import { Diagnostics, toAttributePath, type Path } from './diagnostics';
import { ProviderNotConfiguredError, ResourceError, ResourceErrors } from './errors';
import { keepEquivalent } from './equivalence';
import { planChange } from './plan';
import type { ProviderDefinition } from './provider';
import {
  PartialCreateError,
  PartialUpdateError,
  type DataSourceDefinition,
  type OperationContext,
  type ResourceDefinition,
} from './resource';
import { checkLookupModes } from './lookup-modes';
import { assertValidDataSourceSchema, assertValidSchema, type ResourceSchema } from './schema';
import { walkValue } from './schema-walker';
import { objectTypeOf, toTfplugin6Schema } from './tfplugin6-schema';
import { validateConfig } from './validation';

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** A definition with the object type its values decode to, computed once. */
interface Typed<D> {
  readonly def: D;
  readonly type: CtyType;
}

/**
 * The provider server: turns each tfplugin6 call into framework-native values, runs the provider's own
 * logic, and answers with diagnostics rather than exceptions (a throw across the gRPC boundary becomes an
 * opaque "Plugin error"). One file of glue per concern lives beside it: schema, plan, diagnostics.
 */
export class FrameworkServer<Client> implements tf.ProviderHandlers {
  private client: Client | undefined;
  private notConfiguredReason = 'ConfigureProvider was not called';
  private readonly stopController = new AbortController();
  private readonly providerType: CtyType;
  private readonly resources = new Map<string, Typed<ResourceDefinition<Client>>>();
  private readonly dataSources = new Map<string, Typed<DataSourceDefinition<Client>>>();

  constructor(
    private readonly provider: ProviderDefinition<Client>,
    private readonly log: LogFn = () => undefined,
  ) {
    assertValidSchema(provider.name, provider.schema);
    this.providerType = objectTypeOf(provider.schema);
    for (const r of provider.resources) {
      assertValidSchema(r.typeName, r.schema);
      this.resources.set(r.typeName, { def: r, type: objectTypeOf(r.schema) });
    }
    for (const d of provider.dataSources) {
      assertValidDataSourceSchema(d.typeName, d.schema);
      this.dataSources.set(d.typeName, { def: d, type: objectTypeOf(d.schema) });
    }
  }

  async getProviderSchema(): Promise<tf.GetProviderSchemaResponse> {
    const resourceSchemas: Record<string, tf.Schema> = {};
    for (const [name, r] of this.resources) resourceSchemas[name] = toTfplugin6Schema(r.def.schema);
    const dataSourceSchemas: Record<string, tf.Schema> = {};
    for (const [name, d] of this.dataSources) dataSourceSchemas[name] = toTfplugin6Schema(d.def.schema);
    return {
      provider: toTfplugin6Schema(this.provider.schema),
      resourceSchemas,
      dataSourceSchemas,
      functions: {},
      ephemeralResourceSchemas: {},
      diagnostics: [],
      serverCapabilities: { getProviderSchemaOptional: true, planDestroy: true },
    };
  }

  async validateProviderConfig(
    req: tf.ValidateProviderConfigRequest,
  ): Promise<tf.ValidateProviderConfigResponse> {
    const diagnostics = new Diagnostics();
    const config = this.decodeObject(req.config, this.providerType, diagnostics);
    if (config) validateConfig(this.provider.schema, config, diagnostics);
    return { diagnostics: diagnostics.list };
  }

  async configureProvider(req: tf.ConfigureProviderRequest): Promise<tf.ConfigureProviderResponse> {
    const diagnostics = new Diagnostics();
    const config = this.decodeObject(req.config, this.providerType, diagnostics);
    if (!config) return { diagnostics: diagnostics.list };
    if (!isWhollyKnown(config)) {
      // Terraform plans with provider arguments that come from resources not yet created; resources that need
      // the API say so when they are asked to, and apply configures again with known values.
      this.notConfiguredReason =
        'The provider configuration depends on values that are only known after apply; apply again once they are known.';
      return { diagnostics: diagnostics.list };
    }
    try {
      this.client = await this.provider.configure(config, {
        terraformVersion: req.terraformVersion,
        signal: this.stopController.signal,
        diagnostics,
      });
    } catch (err) {
      addError(diagnostics, err);
    }
    if (!this.client)
      this.notConfiguredReason = 'The provider configuration is not valid; see the errors above.';
    return { diagnostics: diagnostics.list };
  }

  async validateResourceConfig(
    req: tf.ValidateResourceConfigRequest,
  ): Promise<tf.ValidateResourceConfigResponse> {
    const diagnostics = new Diagnostics();
    const r = this.resource(req.typeName);
    const config = this.decodeObject(req.config, r.type, diagnostics);
    if (config) {
      validateConfig(r.def.schema, config, diagnostics);
      r.def.validateConfig?.(config, diagnostics);
    }
    return { diagnostics: diagnostics.list };
  }

  async validateDataResourceConfig(
    req: tf.ValidateDataResourceConfigRequest,
  ): Promise<tf.ValidateDataResourceConfigResponse> {
    const diagnostics = new Diagnostics();
    const d = this.dataSource(req.typeName);
    const config = this.decodeObject(req.config, d.type, diagnostics);
    if (config) validateDataSourceConfig(d.def, config, diagnostics);
    return { diagnostics: diagnostics.list };
  }

  async upgradeResourceState(req: tf.UpgradeResourceStateRequest): Promise<tf.UpgradeResourceStateResponse> {
    const diagnostics = new Diagnostics();
    const r = this.resource(req.typeName);
    const json = req.rawState?.json;
    if (!json) {
      diagnostics.error(
        'Unsupported state format',
        `${req.typeName} state is in the pre-0.12 flatmap format, which this provider never wrote.`,
      );
      return { diagnostics: diagnostics.list };
    }
    try {
      let bytes = json;
      if (req.version > r.def.schema.version) {
        throw new ResourceError(
          'State written by a newer provider',
          `The state of this ${req.typeName} has schema version ${req.version}, newer than this provider's ${r.def.schema.version}. Upgrade the provider.`,
        );
      }
      if (req.version < r.def.schema.version) {
        if (!r.def.upgradeState)
          throw new Error(`${req.typeName} cannot upgrade state from version ${req.version}`);
        const parsed = JSON.parse(Buffer.from(json).toString('utf8')) as Record<string, unknown>;
        bytes = Buffer.from(JSON.stringify(r.def.upgradeState(req.version, parsed)), 'utf8');
      }
      const state = decodeJsonValue(bytes, r.type);
      return { upgradedState: { msgpack: encodeMsgpackValue(state, r.type) }, diagnostics: diagnostics.list };
    } catch (err) {
      addError(diagnostics, err);
      return { diagnostics: diagnostics.list };
    }
  }

  async readResource(req: tf.ReadResourceRequest, call: tf.CallContext): Promise<tf.ReadResourceResponse> {
    const diagnostics = new Diagnostics();
    const r = this.resource(req.typeName);
    const state = this.decodeObject(req.currentState, r.type, diagnostics);
    if (!state) return { diagnostics: diagnostics.list };
    try {
      const fresh = await r.def.read(this.context(call, diagnostics), state);
      // What the user wrote stays in state where the API's spelling means the same (no diff on refresh).
      const kept = fresh === null ? null : keepEquivalent(r.def.schema, state, fresh);
      return { newState: this.encode(kept, r.type), diagnostics: diagnostics.list };
    } catch (err) {
      addError(diagnostics, err);
      // Keep what Terraform had: a failed refresh must not drop the object from state.
      return { newState: req.currentState, diagnostics: diagnostics.list };
    }
  }

  async planResourceChange(
    req: tf.PlanResourceChangeRequest,
    call: tf.CallContext,
  ): Promise<tf.PlanResourceChangeResponse> {
    const diagnostics = new Diagnostics();
    const r = this.resource(req.typeName);
    const prior = this.decodeNullableObject(req.priorState, r.type, diagnostics);
    const proposed = this.decodeNullableObject(req.proposedNewState, r.type, diagnostics);
    const config = this.decodeNullableObject(req.config, r.type, diagnostics);
    if (diagnostics.hasErrors) return { diagnostics: diagnostics.list };
    const result = planChange(r.def.schema, prior, proposed, config);
    let planned = result.planned;
    const requiresReplace = [...result.requiresReplace];
    if (planned !== null && config !== null && r.def.modifyPlan) {
      try {
        planned =
          (await r.def.modifyPlan({
            prior,
            config,
            planned,
            client: this.client,
            signal: call.signal,
            diagnostics,
            requireReplace: (path) => {
              if (prior !== null) requiresReplace.push(path);
            },
          })) ?? planned;
      } catch (err) {
        addError(diagnostics, err);
        return { diagnostics: diagnostics.list };
      }
    }
    return {
      plannedState: this.encode(planned, r.type),
      requiresReplace: requiresReplace.map(toAttributePath),
      diagnostics: diagnostics.list,
      // A configured value that only spells the prior value differently (`file()`'s trailing newline, `::0/0`)
      // is planned as the prior value so the plan is empty. Terraform accepts a planned value that differs
      // from the configuration only from providers that declare the legacy type system for that response —
      // the mechanism the SDKv2 providers' DiffSuppressFunc rides on. We declare it for exactly those plans.
      ...(result.keptPriorSpelling ? { legacyTypeSystem: true } : {}),
    };
  }

  async applyResourceChange(
    req: tf.ApplyResourceChangeRequest,
    call: tf.CallContext,
  ): Promise<tf.ApplyResourceChangeResponse> {
    const diagnostics = new Diagnostics();
    const r = this.resource(req.typeName);
    const prior = this.decodeNullableObject(req.priorState, r.type, diagnostics);
    const planned = this.decodeNullableObject(req.plannedState, r.type, diagnostics);
    if (diagnostics.hasErrors) return { diagnostics: diagnostics.list };
    const ctx = () => this.context(call, diagnostics);

    if (planned === null) {
      if (prior === null) return { newState: this.encode(null, r.type), diagnostics: diagnostics.list };
      try {
        await r.def.delete(ctx(), prior);
        return { newState: this.encode(null, r.type), diagnostics: diagnostics.list };
      } catch (err) {
        addError(diagnostics, err);
        return { newState: this.encode(prior, r.type), diagnostics: diagnostics.list };
      }
    }

    if (prior === null) {
      try {
        const created = keepEquivalent(r.def.schema, planned, await r.def.create(ctx(), planned));
        this.assertKnown(req.typeName, r.def.schema, created, diagnostics);
        return { newState: this.encode(created, r.type), diagnostics: diagnostics.list };
      } catch (err) {
        if (err instanceof PartialCreateError) {
          addError(diagnostics, err.cause);
          const state = keepEquivalent(r.def.schema, planned, err.state);
          return { newState: this.encode(state, r.type), diagnostics: diagnostics.list };
        }
        addError(diagnostics, err);
        // Nothing was created: a null state, so nothing half-written lands in the user's state file.
        return { newState: this.encode(null, r.type), diagnostics: diagnostics.list };
      }
    }

    try {
      const updated = keepEquivalent(r.def.schema, planned, await r.def.update(ctx(), prior, planned));
      this.assertKnown(req.typeName, r.def.schema, updated, diagnostics);
      return { newState: this.encode(updated, r.type), diagnostics: diagnostics.list };
    } catch (err) {
      if (err instanceof PartialUpdateError) {
        addError(diagnostics, err.cause);
        // What the steps that succeeded made true; the next plan shows only what is left to do.
        const state = keepEquivalent(r.def.schema, prior, err.state);
        return { newState: this.encode(state, r.type), diagnostics: diagnostics.list };
      }
      addError(diagnostics, err);
      // What is known to be true: the prior state. The next plan shows the change again.
      return { newState: this.encode(prior, r.type), diagnostics: diagnostics.list };
    }
  }

  async importResourceState(req: tf.ImportResourceStateRequest): Promise<tf.ImportResourceStateResponse> {
    const diagnostics = new Diagnostics();
    const r = this.resource(req.typeName);
    try {
      const state = r.def.importState(req.id);
      return {
        importedResources: [{ typeName: req.typeName, state: this.encode(state, r.type) }],
        diagnostics: diagnostics.list,
      };
    } catch (err) {
      addError(diagnostics, err);
      return { diagnostics: diagnostics.list };
    }
  }

  async readDataSource(
    req: tf.ReadDataSourceRequest,
    call: tf.CallContext,
  ): Promise<tf.ReadDataSourceResponse> {
    const diagnostics = new Diagnostics();
    const d = this.dataSource(req.typeName);
    const config = this.decodeObject(req.config, d.type, diagnostics);
    if (!config) return { diagnostics: diagnostics.list };
    // Validation skipped what was unknown then (a name from a resource created in the same apply); every
    // value is known now, so the same checks judge them before any API call.
    validateDataSourceConfig(d.def, config, diagnostics);
    if (diagnostics.hasErrors) return { diagnostics: diagnostics.list };
    try {
      const state = await d.def.read(this.context(call, diagnostics), config);
      this.assertKnown(req.typeName, d.def.schema, state, diagnostics);
      return { state: this.encode(state, d.type), diagnostics: diagnostics.list };
    } catch (err) {
      addError(diagnostics, err);
      return { diagnostics: diagnostics.list };
    }
  }

  async stop(): Promise<string | undefined> {
    this.log('info', 'StopProvider: cancelling in-flight operations');
    this.stopController.abort(new Error('Terraform asked the provider to stop (interrupted)'));
    return undefined;
  }

  // ---- helpers ----

  private resource(typeName: string): Typed<ResourceDefinition<Client>> {
    const r = this.resources.get(typeName);
    if (!r)
      throw new ResourceError('Unknown resource type', `This provider has no resource type "${typeName}".`);
    return r;
  }

  private dataSource(typeName: string): Typed<DataSourceDefinition<Client>> {
    const d = this.dataSources.get(typeName);
    if (!d) throw new ResourceError('Unknown data source', `This provider has no data source "${typeName}".`);
    return d;
  }

  private context(call: tf.CallContext, diagnostics: Diagnostics): OperationContext<Client> {
    if (this.client === undefined) throw new ProviderNotConfiguredError(this.notConfiguredReason);
    // The protocol aborts every in-flight call's signal on StopProvider, and the client carries the stop
    // signal too; combining them here with AbortSignal.any would leak listeners on Node 20.
    return { client: this.client, signal: call.signal, diagnostics };
  }

  private decodeNullableObject(
    value: tf.DynamicValue | undefined,
    type: CtyType,
    diagnostics: Diagnostics,
  ): ObjectValue | null {
    if (!value || (!value.msgpack?.length && !value.json?.length)) return null;
    try {
      const decoded: Value = value.msgpack?.length
        ? decodeMsgpackValue(value.msgpack, type)
        : decodeJsonValue(value.json!, type);
      if (decoded === null) return null;
      if (!isObjectValue(decoded)) throw new Error('expected an object value');
      return decoded;
    } catch (err) {
      diagnostics.error('Invalid value from Terraform', (err as Error).message);
      return null;
    }
  }

  private decodeObject(
    value: tf.DynamicValue | undefined,
    type: CtyType,
    diagnostics: Diagnostics,
  ): ObjectValue | null {
    const decoded = this.decodeNullableObject(value, type, diagnostics);
    if (decoded === null && !diagnostics.hasErrors)
      diagnostics.error('Invalid value from Terraform', 'missing object value');
    return decoded;
  }

  private encode(value: ObjectValue | null, type: CtyType): tf.DynamicValue {
    return { msgpack: encodeMsgpackValue(value, type) };
  }

  private assertKnown(
    typeName: string,
    schema: ResourceSchema,
    value: ObjectValue,
    diagnostics: Diagnostics,
  ): void {
    walkValue(schema, value, (v) => {
      if (v.value instanceof Unknown) {
        const name = v.path.filter((p) => typeof p === 'string').join('.');
        diagnostics.error(
          'Provider returned an unknown value',
          `${typeName}.${name} is still unknown after the operation. This is a bug in the provider; please report it.`,
          v.path,
        );
      }
    });
  }
}

function validateDataSourceConfig<Client>(
  def: DataSourceDefinition<Client>,
  config: ObjectValue,
  diagnostics: Diagnostics,
): void {
  validateConfig(def.schema, config, diagnostics);
  if (def.lookupModes) checkLookupModes(def.typeName, def.lookupModes, config, diagnostics);
  def.validateConfig?.(config, diagnostics);
}

function addError(diagnostics: Diagnostics, err: unknown): void {
  if (err instanceof ResourceErrors) {
    for (const e of err.errors) addError(diagnostics, e);
    return;
  }
  if (err instanceof ResourceError) {
    diagnostics.error(err.summary, err.detail, err.path as Path | undefined);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  diagnostics.error('Unexpected provider error', message);
}
