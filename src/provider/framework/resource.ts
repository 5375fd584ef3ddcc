import type { ObjectValue } from '../protocol/values';
import type { Diagnostics } from './diagnostics';
import type { Path } from './diagnostics';
import type { LookupModes } from './lookup-modes';
import type { ResourceSchema } from './schema';

/** What every resource and data-source operation gets: the configured client and a way to be cancelled. */
export interface OperationContext<Client> {
  readonly client: Client;
  /** Aborted when Terraform cancels the call or the user presses Ctrl-C (StopProvider). */
  readonly signal: AbortSignal;
  readonly diagnostics: Diagnostics;
}

/**
 * A managed resource. Operations work on whole object values in the schema's shape; the resource's model
 * maps them to and from API objects. An operation reports user-facing problems by throwing (the server turns
 * the error into a diagnostic, on the right attribute when the error names one) or through `diagnostics`.
 */
export interface ResourceDefinition<Client> {
  /** `lightyear_ssh_key`. */
  readonly typeName: string;
  readonly schema: ResourceSchema;
  /** Cross-attribute checks of known configuration values; single attributes validate in the schema. */
  validateConfig?(config: ObjectValue, diagnostics: Diagnostics): void;
  /**
   * The resource's own say in a plan, after the schema's defaults, unknowns, equivalent spellings and plan
   * modifiers (plan.ts): checks that need the API (is this plan offered in that region?), or planned values
   * that depend on several attributes. Returns the planned object to use, or undefined to keep it. Not called
   * when the object is being destroyed.
   */
  modifyPlan?(req: ModifyPlanRequest<Client>): Promise<ObjectValue | undefined> | ObjectValue | undefined;
  create(ctx: OperationContext<Client>, planned: ObjectValue): Promise<ObjectValue>;
  /** The object as it is now, or null when it no longer exists (Terraform then plans to create it again). */
  read(ctx: OperationContext<Client>, state: ObjectValue): Promise<ObjectValue | null>;
  update(ctx: OperationContext<Client>, prior: ObjectValue, planned: ObjectValue): Promise<ObjectValue>;
  delete(ctx: OperationContext<Client>, state: ObjectValue): Promise<void>;
  /**
   * The state `terraform import` starts from: enough for `read` to find the object (usually just the id).
   * Throws a user-facing error when the import id cannot name such an object.
   */
  importState(id: string): ObjectValue;
  /** Older state versions → the current schema; needed once `schema.version` is above 0. */
  upgradeState?(version: number, state: Record<string, unknown>): Record<string, unknown>;
}

export interface ModifyPlanRequest<Client> {
  /** null: the object is being created. */
  readonly prior: ObjectValue | null;
  readonly config: ObjectValue;
  readonly planned: ObjectValue;
  /** Undefined while the provider cannot be configured yet (its arguments are unknown until apply). */
  readonly client: Client | undefined;
  readonly signal: AbortSignal;
  readonly diagnostics: Diagnostics;
  requireReplace(path: Path): void;
}

/**
 * A data source: reads something that already exists, by the configured arguments. Its schema is built with
 * `dataSourceSchema`; arguments are optional (or required), everything it reports is computed.
 */
export interface DataSourceDefinition<Client> {
  readonly typeName: string;
  readonly schema: ResourceSchema;
  /**
   * The ways to find the object (by `id`, or by filters): exactly one must be used. Checked at validate time
   * and again before each read, when every value is known (lookup-modes.ts).
   */
  readonly lookupModes?: LookupModes;
  validateConfig?(config: ObjectValue, diagnostics: Diagnostics): void;
  /**
   * The whole object: the configured arguments (in the API's spelling where that differs) and every computed
   * attribute known. Throws `NoMatchError` / `AmbiguousMatchError` (lookup-errors.ts) rather than answering an
   * empty object.
   */
  read(ctx: OperationContext<Client>, config: ObjectValue): Promise<ObjectValue>;
}

/**
 * A failure after the remote object already exists (created, then a later step failed). The server keeps
 * `state` so Terraform records the object as tainted instead of losing track of it.
 */
export class PartialCreateError extends Error {
  readonly code = 'partial_create';
  constructor(
    readonly state: ObjectValue,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * A failure part-way through an update of several steps (rename, then resize, then power on): `state` is
 * what the object is now, with the steps that succeeded applied, so the next plan shows only what is left.
 */
export class PartialUpdateError extends Error {
  readonly code = 'partial_update';
  constructor(
    readonly state: ObjectValue,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
