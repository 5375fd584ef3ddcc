import { parsePort } from './args';
import { DEFAULT_PORT } from './local-cloud';

/**
 * The port a local cloud listens on when no --port is given: `$LIGHTYEAR_PORT`, else 8787. The variable lets a
 * machine that already uses 8787 (or a CI job running beside others) keep every documented command as written.
 */
export function defaultPort(env: Readonly<Record<string, string | undefined>>): number {
  const value = env.LIGHTYEAR_PORT;
  return value === undefined || value === '' ? DEFAULT_PORT : parsePort(value, 'LIGHTYEAR_PORT');
}
