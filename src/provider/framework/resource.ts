import type { ObjectValue } from '../protocol/values';
import type { Diagnostics } from './diagnostics';
import type { BlockSchema } from './schema';

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
  readonly schema: BlockSchema;
  /** Cross-attribute checks of known configuration values; single attributes validate in the schema. */
  validateConfig?(config: ObjectValue, diagnostics: Diagnostics): void;
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

/** A data source: reads something that already exists, by the configured arguments. */
export interface DataSourceDefinition<Client> {
  readonly typeName: string;
  readonly schema: BlockSchema;
  validateConfig?(config: ObjectValue, diagnostics: Diagnostics): void;
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
