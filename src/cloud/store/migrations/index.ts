import { migration0001 } from './0001-api-keys-and-ssh-keys';
import { migration0002 } from './0002-events';
import { migration0003 } from './0003-firewalls-and-blocks';
import { migration0004 } from './0004-api-key-limits-and-idempotency';
import { migration0005 } from './0005-webhooks';
import { migration0006 } from './0006-instances-and-snapshots';
import { migration0007 } from './0007-dns';
import { migration0008 } from './0008-sealed-idempotency-answers';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in order. A new one is a new numbered file appended here. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
];
