import { migration0001 } from './0001-api-keys-and-ssh-keys';
import { migration0002 } from './0002-events';
import { migration0003 } from './0003-firewalls-and-blocks';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in order. A new one is a new numbered file appended here. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];
