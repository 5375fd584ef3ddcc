import { z } from 'zod';
import * as api from '../../api';
import type { JsonSchema } from './types';

/** Which side of the wire a schema describes: what clients send, or what the cloud answers. */
export type SchemaSide = 'input' | 'output';

const COMPONENT_PREFIX = '#/components/schemas/';

/** `sshKeyResponseSchema` → `SshKeyResponse`: the component name of an exported src/api schema. */
export function componentName(exportName: string): string {
  const bare = exportName.replace(/Schema$/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/**
 * Every zod schema src/api exports, by component name. Routes import their schemas from there, so the
 * reference names them as the code does, and a schema shared by many routes is one component.
 */
export function apiSchemasByName(): Map<string, z.ZodType> {
  const byName = new Map<string, z.ZodType>();
  const seen = new Set<z.ZodType>();
  for (const [exportName, value] of Object.entries(api)) {
    if (!(value instanceof z.ZodType) || seen.has(value)) continue;
    seen.add(value);
    byName.set(componentName(exportName), value);
  }
  return byName;
}

/**
 * Turns the zod schemas of the routes into `components.schemas` and `$ref`s to them. Register every
 * schema a route uses first (`use`), then call `build` once; `ref` and `properties` answer after that.
 *
 * Requests are described by zod's input type and answers by its output type. They differ only where a
 * schema has defaults or transforms; such a component (and every component that contains one) gets a
 * second, `...Input` variant for the request side.
 */
export class SchemaComponents {
  private readonly names = new Map<z.ZodType, string>();
  private readonly taken = new Set<string>();
  private built:
    | { output: Record<string, JsonSchema>; input: Record<string, JsonSchema>; inputOnly: Set<string> }
    | undefined;

  constructor(named: ReadonlyMap<string, z.ZodType> = apiSchemasByName()) {
    for (const [name, schema] of named) this.name(schema, name);
  }

  /** Makes sure `schema` is a component, named `fallbackName` unless src/api already names it. */
  use(schema: z.ZodType, fallbackName: string): void {
    if (this.built !== undefined) throw new Error('schemas must be registered before build()');
    if (this.names.has(schema)) return;
    let name = fallbackName;
    for (let n = 2; this.taken.has(name); n += 1) name = `${fallbackName}${n}`;
    this.name(schema, name);
  }

  build(): void {
    const registry = z.registry<{ id: string }>();
    for (const [schema, id] of this.names) registry.add(schema, { id });
    const generate = (io: SchemaSide, uri: (id: string) => string) =>
      z.toJSONSchema(registry, { io, uri, unrepresentable: 'any', target: 'draft-2020-12' }).schemas;
    const plainUri = (id: string) => `${COMPONENT_PREFIX}${id}`;
    const output = generate('output', plainUri);
    const inputOnly = differingComponents(output, generate('input', plainUri));
    const input = generate('input', (id) => `${COMPONENT_PREFIX}${inputName(id, inputOnly)}`);
    this.built = { output: cleanAll(output), input: cleanAll(input), inputOnly };
  }

  /** A `$ref` to the component that describes `schema` on the given side. */
  ref(schema: z.ZodType, side: SchemaSide): JsonSchema {
    return { $ref: `${COMPONENT_PREFIX}${this.componentOf(schema, side)}` };
  }

  /**
   * The properties of an object schema (a query), each with its JSON Schema and whether it is required.
   * Query parameters are listed one by one in OpenAPI, so the object itself is not referenced.
   */
  properties(
    schema: z.ZodType,
    side: SchemaSide,
  ): Array<{ name: string; required: boolean; schema: JsonSchema }> {
    const json = this.json(schema, side);
    const properties = json.properties;
    if (json.type !== 'object' || typeof properties !== 'object' || properties === null) {
      throw new Error(`${this.names.get(schema) ?? 'a query schema'} is not an object schema`);
    }
    const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
    return Object.entries(properties as Record<string, JsonSchema>).map(([name, property]) => ({
      name,
      required: required.has(name),
      schema: property,
    }));
  }

  /** `components.schemas`: every component reachable from `roots` (anything holding `$ref`s), and no other. */
  reachableFrom(roots: unknown): Record<string, JsonSchema> {
    const all = this.all();
    const reached: Record<string, JsonSchema> = {};
    const pending = collectRefs(roots);
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (Object.hasOwn(reached, name)) continue;
      const component = all[name];
      if (component === undefined) continue;
      reached[name] = component;
      pending.push(...collectRefs(component));
    }
    return Object.fromEntries(Object.entries(reached).sort(([a], [b]) => a.localeCompare(b)));
  }

  private name(schema: z.ZodType, name: string): void {
    this.names.set(schema, name);
    this.taken.add(name);
  }

  private componentOf(schema: z.ZodType, side: SchemaSide): string {
    const built = this.requireBuilt();
    const id = this.names.get(schema);
    if (id === undefined) throw new Error('a schema was used without being registered first');
    return side === 'input' ? inputName(id, built.inputOnly) : id;
  }

  private json(schema: z.ZodType, side: SchemaSide): JsonSchema {
    const component = this.all()[this.componentOf(schema, side)];
    if (component === undefined) throw new Error('a registered schema has no component');
    return component;
  }

  private all(): Record<string, JsonSchema> {
    const built = this.requireBuilt();
    const all: Record<string, JsonSchema> = { ...built.output };
    for (const id of built.inputOnly) {
      const input = built.input[id];
      if (input !== undefined) all[inputName(id, built.inputOnly)] = input;
    }
    return all;
  }

  private requireBuilt() {
    if (this.built === undefined) throw new Error('build() has not run');
    return this.built;
  }
}

function inputName(id: string, inputOnly: ReadonlySet<string>): string {
  return inputOnly.has(id) ? `${id}Input` : id;
}

/**
 * The components whose input and output forms differ, directly or through a component they contain
 * (a request body holding a query-like field with a default must point to the input form of that field).
 */
function differingComponents(output: Record<string, unknown>, input: Record<string, unknown>): Set<string> {
  const differing = new Set(
    Object.keys(output).filter((id) => JSON.stringify(output[id]) !== JSON.stringify(input[id])),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, schema] of Object.entries(input)) {
      if (differing.has(id)) continue;
      if (collectRefs(schema).some((ref) => differing.has(ref))) {
        differing.add(id);
        grew = true;
      }
    }
  }
  return differing;
}

/** Component names referenced anywhere inside `value`. */
function collectRefs(value: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(COMPONENT_PREFIX)) {
          refs.push(child.slice(COMPONENT_PREFIX.length));
        } else {
          walk(child);
        }
      }
    }
  };
  walk(value);
  return refs;
}

/**
 * zod marks each generated schema as a standalone document (`$schema`, and `$id` set to our ref); inside
 * an OpenAPI document they are components, and 2020-12 forbids a fragment in `$id`.
 */
function cleanAll(schemas: Record<string, unknown>): Record<string, JsonSchema> {
  const cleaned: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    cleaned[id] = rest;
  }
  return cleaned;
}
