import type { SshKey } from '../../../api';
import { AmbiguousMatchError, NoMatchError } from '../../framework/lookup-errors';

/**
 * Picking the one key a `lightyear_ssh_key` data source names. Names are not unique in an account, so a name
 * that several keys carry is an error listing them (never an arbitrary pick: instances would get a key nobody
 * chose), and a name no key carries is an error naming the keys whose names come close.
 */

/** The one key of `matches` (the keys listed under `name`), undefined when there is none. */
export function oneKeyNamed(name: string, matches: readonly SshKey[]): SshKey | undefined {
  if (matches.length <= 1) return matches[0];
  const listed = [...matches]
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
    .map((k) => `${k.id} (${k.fingerprint}, created ${k.created_at})`)
    .join(', ');
  throw new AmbiguousMatchError(
    'Several SSH keys have this name',
    `${matches.length} SSH keys are named "${name}": ${listed}. Look the key up by id instead, or rename the others.`,
    ['name'],
  );
}

const SHOWN = 10;

/** Why nothing matched: the names that differ only in case or contain one another, else the names there are. */
export function noKeyNamed(name: string, keys: readonly SshKey[]): NoMatchError {
  const wanted = name.toLowerCase();
  const names = [...new Set(keys.map((k) => k.name))].sort();
  const close = names.filter((n) => {
    const lower = n.toLowerCase();
    return lower === wanted || lower.includes(wanted) || wanted.includes(lower);
  });
  let nearby: string;
  if (names.length === 0) nearby = 'The account has no SSH keys.';
  else if (close.length > 0) nearby = `Similar names: ${quoted(close)}.`;
  else nearby = `Names in the account: ${quoted(names)}.`;
  return new NoMatchError('No SSH key with this name', `No SSH key is named "${name}". ${nearby}`, ['name']);
}

export function noKeyWithId(id: string): NoMatchError {
  return new NoMatchError(
    'No such SSH key',
    `There is no SSH key ${id} in this account (\`npx lyctl ssh-key list\` lists them).`,
    ['id'],
  );
}

function quoted(names: readonly string[]): string {
  const shown = names.slice(0, SHOWN).map((n) => JSON.stringify(n));
  return names.length > SHOWN ? `${shown.join(', ')} and ${names.length - SHOWN} more` : shown.join(', ');
}
