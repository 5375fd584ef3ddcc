/**
 * Drives the provider framework's server in-process, the way Terraform drives it over gRPC: values go in and
 * come out msgpack-encoded, so plan logic is covered by fast table tests (as terraform-plugin-framework
 * covers its own against a test provider) while the real-terraform tests stay few.
 *
 *   const h = await frameworkHarness(fixtureResource, store);
 *   const plan = await h.plan(prior, config);     // plan.planned, plan.requiresReplace, plan.diagnostics
 *   const applied = await h.apply(prior, plan.planned, config);
 */
import type { AttributePathStep, Diagnostic } from '../../src/provider/protocol/tfplugin6';
import { FrameworkServer } from '../../src/provider/framework/server';
import type { ProviderDefinition } from '../../src/provider/framework/provider';
import type { DataSourceDefinition, ResourceDefinition } from '../../src/provider/framework/resource';
import type { ObjectSchema } from '../../src/provider/framework/schema';
import { objectTypeOf } from '../../src/provider/framework/schema-walker';
import {
  decodeMsgpackValue,
  encodeMsgpackValue,
  isObjectValue,
  type CtyType,
  type ObjectValue,
  type Value,
} from '../../src/provider/protocol/values';

export interface HarnessPlan {
  readonly planned: ObjectValue | null;
  readonly requiresReplace: readonly (readonly (string | number)[])[];
  readonly legacyTypeSystem: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export interface HarnessResult {
  readonly state: ObjectValue | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface FrameworkHarness {
  readonly server: FrameworkServer<unknown>;
  validate(config: ObjectValue): Promise<readonly Diagnostic[]>;
  plan(prior: ObjectValue | null, config: ObjectValue | null): Promise<HarnessPlan>;
  apply(
    prior: ObjectValue | null,
    planned: ObjectValue | null,
    config: ObjectValue | null,
  ): Promise<HarnessResult>;
  read(state: ObjectValue): Promise<HarnessResult>;
  importState(id: string): Promise<HarnessResult>;
  /** plan then apply, failing on any error diagnostic: the state an apply of `config` leaves. */
  converge(prior: ObjectValue | null, config: ObjectValue): Promise<ObjectValue>;
}

const signal = new AbortController().signal;

function stepValue(s: AttributePathStep): string | number {
  if ('attributeName' in s) return s.attributeName;
  if ('elementKeyString' in s) return s.elementKeyString;
  return Number(s.elementKeyInt);
}

export async function frameworkHarness<C>(
  resource: ResourceDefinition<C>,
  client: C,
): Promise<FrameworkHarness> {
  const provider: ProviderDefinition<C> = {
    name: 'fixture',
    version: '0.0.1',
    schema: { version: 0, description: 'fixture', attributes: {} },
    configure: async () => client,
    resources: [resource],
    dataSources: [],
  };
  const server = new FrameworkServer(provider) as FrameworkServer<unknown>;
  const type = objectTypeOf(resource.schema);
  const typeName = resource.typeName;
  const enc = (v: ObjectValue | null) => ({ msgpack: encodeMsgpackValue(v, type) });
  const dec = (v: { msgpack?: Uint8Array } | undefined): ObjectValue | null => {
    if (!v?.msgpack) return null;
    const decoded = decodeMsgpackValue(v.msgpack, type);
    return decoded === null ? null : (decoded as ObjectValue);
  };
  await server.configureProvider({
    terraformVersion: '1.11.4',
    config: { msgpack: encodeMsgpackValue({}, objectTypeOf(provider.schema)) },
  });

  const harness: FrameworkHarness = {
    server,
    async validate(config) {
      const res = await server.validateResourceConfig({ typeName, config: enc(config) });
      return res.diagnostics ?? [];
    },
    async plan(prior, config) {
      const proposed = config === null ? null : proposedNew(resource.schema, prior, config);
      const res = await server.planResourceChange(
        { typeName, priorState: enc(prior), proposedNewState: enc(proposed), config: enc(config) },
        { signal },
      );
      return {
        planned: dec(res.plannedState),
        requiresReplace: (res.requiresReplace ?? []).map((p) => (p.steps ?? []).map(stepValue)),
        legacyTypeSystem: res.legacyTypeSystem ?? false,
        diagnostics: res.diagnostics ?? [],
      };
    },
    async apply(prior, planned, config) {
      const res = await server.applyResourceChange(
        { typeName, priorState: enc(prior), plannedState: enc(planned), config: enc(config) },
        { signal },
      );
      return { state: dec(res.newState), diagnostics: res.diagnostics ?? [] };
    },
    async read(state) {
      const res = await server.readResource({ typeName, currentState: enc(state) }, { signal });
      return { state: dec(res.newState), diagnostics: res.diagnostics ?? [] };
    },
    async importState(id) {
      const res = await server.importResourceState({ typeName, id });
      const imported = res.importedResources?.[0]?.state;
      return { state: dec(imported), diagnostics: res.diagnostics ?? [] };
    },
    async converge(prior, config) {
      const plan = await harness.plan(prior, config);
      const errors = [...plan.diagnostics].filter((d) => d.severity === 1);
      if (errors.length > 0) throw new Error(`plan failed: ${JSON.stringify(errors)}`);
      const applied = await harness.apply(prior, plan.planned, config);
      if (applied.diagnostics.some((d) => d.severity === 1))
        throw new Error(`apply failed: ${JSON.stringify(applied.diagnostics)}`);
      return applied.state!;
    },
  };
  return harness;
}

export interface DataSourceHarness {
  readonly server: FrameworkServer<unknown>;
  /** ValidateDataResourceConfig: what `terraform validate` reports (values may be `new Unknown()`). */
  validate(config: ObjectValue): Promise<readonly Diagnostic[]>;
  /** ReadDataSource with a wholly known configuration, as Terraform sends it at plan or apply. */
  read(config: ObjectValue): Promise<HarnessResult>;
}

/**
 * The same for a data source: `config` holds every attribute of the schema (null where not configured).
 *
 *   const h = await dataSourceHarness(planDataSource, client);
 *   errorsOf(await h.validate({ ...nulls, id: 'x', region: 'ams' }))  // [{ summary, path: ['region'] }]
 */
export async function dataSourceHarness<C>(
  dataSource: DataSourceDefinition<C>,
  client: C,
): Promise<DataSourceHarness> {
  const provider: ProviderDefinition<C> = {
    name: 'fixture',
    version: '0.0.1',
    schema: { version: 0, description: 'fixture', attributes: {} },
    configure: async () => client,
    resources: [],
    dataSources: [dataSource],
  };
  const server = new FrameworkServer(provider) as FrameworkServer<unknown>;
  const type = objectTypeOf(dataSource.schema);
  const typeName = dataSource.typeName;
  const enc = (v: ObjectValue) => ({ msgpack: encodeMsgpackValue(v, type) });
  await server.configureProvider({
    terraformVersion: '1.11.4',
    config: { msgpack: encodeMsgpackValue({}, objectTypeOf(provider.schema)) },
  });
  return {
    server,
    async validate(config) {
      const res = await server.validateDataResourceConfig({ typeName, config: enc(config) });
      return res.diagnostics ?? [];
    },
    async read(config) {
      const res = await server.readDataSource({ typeName, config: enc(config) }, { signal });
      const state = res.state?.msgpack ? decodeMsgpackValue(res.state.msgpack, type) : null;
      return { state: state === null ? null : (state as ObjectValue), diagnostics: res.diagnostics ?? [] };
    },
  };
}

/** A configuration of `schema` with every attribute null but those given. */
export function configOf(schema: ObjectSchema, values: Readonly<Record<string, Value>>): ObjectValue {
  const config: Record<string, Value> = {};
  for (const name of Object.keys(schema.attributes)) config[name] = values[name] ?? null;
  return config;
}

/**
 * Terraform's proposed new state, as `objchange.ProposedNew` forms it: the configuration, with computed
 * attributes the configuration leaves null taken from the prior state (member by member in nested objects).
 */
export function proposedNew(
  schema: ObjectSchema,
  prior: ObjectValue | null,
  config: ObjectValue,
): ObjectValue {
  const out: Record<string, Value> = {};
  for (const [name, s] of Object.entries(schema.attributes)) {
    const c = config[name] ?? null;
    const p = prior?.[name] ?? null;
    if (c === null && s.computed) out[name] = p;
    else if (s.nested?.nesting === 'single' && isObjectValue(c))
      out[name] = proposedNew(s.nested, isObjectValue(p) ? p : null, c);
    else if (s.nested?.nesting === 'list' && Array.isArray(c))
      out[name] = (c as ObjectValue[]).map((e, i) => {
        const pe = Array.isArray(p) ? (p as Value[])[i] : null;
        return proposedNew(s.nested!, isObjectValue(pe ?? null) ? (pe as ObjectValue) : null, e);
      });
    else out[name] = c;
  }
  for (const name of Object.keys(schema.blocks ?? {})) out[name] = config[name] ?? null;
  return out;
}

export const errorsOf = (diagnostics: readonly Diagnostic[]) =>
  diagnostics
    .filter((d) => d.severity === 1)
    .map((d) => ({
      summary: d.summary,
      path: (d.attribute?.steps ?? []).map(stepValue),
    }));

export type { CtyType };
