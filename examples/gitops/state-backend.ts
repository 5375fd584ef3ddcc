import { PgBackend } from 'cdktf';
import type { Construct } from 'constructs';

export interface PgStateBackendProps {
  /** The schema holding this stack's `states` table; Terraform creates it on first `init`. */
  readonly schemaName: string;
}

/**
 * Terraform's `pg` backend with the connection string left out of the synthesized configuration: Terraform
 * reads it from `PG_CONN_STR` (or the libpq `PG*` variables) when it runs. The string usually carries a
 * password, and `cdk.tf.json` is an artifact CI uploads and people paste into issues, so it must not be
 * there. cdktf's `PgBackend` types `connStr` as required; this drops it from what is synthesized.
 *
 * Locking needs no setting: the `pg` backend always locks the state with a PostgreSQL advisory lock for the
 * whole of a plan or apply, and a second run fails with "Error acquiring the state lock" (or waits, with
 * `-lock-timeout`).
 */
export class PgStateBackend extends PgBackend {
  public constructor(scope: Construct, props: PgStateBackendProps) {
    super(scope, { connStr: '', schemaName: props.schemaName });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return withoutConnectionString(super.synthesizeAttributes());
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return withoutConnectionString(super.synthesizeHclAttributes());
  }
}

function withoutConnectionString(attributes: Record<string, unknown>): Record<string, unknown> {
  const { conn_str: _connStr, ...rest } = attributes;
  return rest;
}
