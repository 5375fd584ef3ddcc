import type { ObjectValue } from '../protocol/values';
import type { Diagnostics } from './diagnostics';
import type { DataSourceDefinition, ResourceDefinition } from './resource';
import type { ResourceSchema } from './schema';

export interface ConfigureContext {
  readonly terraformVersion: string;
  /** Aborted by StopProvider: hand it to the client so Ctrl-C cancels in-flight API calls. */
  readonly signal: AbortSignal;
  readonly diagnostics: Diagnostics;
}

/** A whole provider: its own configuration, how it builds its client, and what it manages. */
export interface ProviderDefinition<Client> {
  /** `lightyear`: the prefix of every resource type name. */
  readonly name: string;
  readonly version: string;
  readonly schema: ResourceSchema;
  /**
   * Builds the client from the (wholly known) provider configuration, or reports through diagnostics why it
   * cannot. Never puts a secret in a diagnostic.
   */
  configure(config: ObjectValue, ctx: ConfigureContext): Promise<Client | undefined>;
  readonly resources: readonly ResourceDefinition<Client>[];
  readonly dataSources: readonly DataSourceDefinition<Client>[];
}
