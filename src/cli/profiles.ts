import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProfileError } from './errors';

/**
 * Named credentials, one API key per environment (`prod`, `staging`), kept in one JSON file:
 *
 * ```json
 * { "profiles": { "prod": { "api_key": "ly_…", "endpoint": "https://api.lightyear.host/v1" } } }
 * ```
 *
 * The file holds secrets, so it is written 0600 in a 0700 directory, through a temporary file renamed into
 * place (a crash never leaves half a file, and the key is never readable by others, not even for a moment).
 * A file others can read is refused rather than used: someone may already have copied the keys, and the
 * fix (chmod, then rotating the keys) is the owner's decision.
 */
export interface Profile {
  readonly api_key: string;
  /** The API base; absent: the hosted API. */
  readonly endpoint?: string;
  /** A CA certificate file to trust (a local cloud serving `--tls`). */
  readonly ca_cert?: string;
}

export interface ProfileFile {
  readonly profiles: Readonly<Record<string, Profile>>;
}

/** Profile names are typed on command lines and in environment variables: keep them plain. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function checkProfileName(name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new ProfileError(
      'invalid_profile_name',
      `profile name '${name}' must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit`,
      2,
    );
  }
}

/** `$LYCTL_CONFIG`, else `$XDG_CONFIG_HOME/lyctl/profiles.json`, else `~/.config/lyctl/profiles.json`. */
export function profileFilePath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.LYCTL_CONFIG) return path.resolve(env.LYCTL_CONFIG);
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(base, 'lyctl', 'profiles.json');
}

/** The profiles in `file`; none when it does not exist. */
export function readProfiles(file: string): ProfileFile {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if ((stat.mode & 0o077) !== 0) {
      throw new ProfileError(
        'profile_file_unsafe',
        `${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); ` +
          `run \`chmod 600 ${file}\` and consider replacing the keys in it`,
      );
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw err;
  }
  return parseProfiles(text, file);
}

/** The file's text as profiles; anything else is one line naming the file (never its content: it holds keys). */
export function parseProfiles(text: string, file: string): ProfileFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProfileError('profile_file_invalid', `${file} is not valid JSON`);
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new ProfileError('profile_file_invalid', `${file} has no "profiles" object`);
  }
  const result: Record<string, Profile> = {};
  for (const [name, value] of Object.entries(profiles as Record<string, unknown>)) {
    const entry = value as Partial<Record<keyof Profile, unknown>> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.api_key !== 'string') {
      throw new ProfileError('profile_file_invalid', `${file}: profile '${name}' has no api_key`);
    }
    result[name] = {
      api_key: entry.api_key,
      ...(typeof entry.endpoint === 'string' ? { endpoint: entry.endpoint } : {}),
      ...(typeof entry.ca_cert === 'string' ? { ca_cert: entry.ca_cert } : {}),
    };
  }
  return { profiles: result };
}

/** Writes the whole file, 0600, atomically; its directory is created 0700. */
export function writeProfiles(file: string, content: ProfileFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  // `wx` + mode: the temporary file is created private, never widened after the fact.
  fs.writeFileSync(temporary, JSON.stringify(content, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.renameSync(temporary, file);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    throw err;
  }
}

/** The file with `name` set to `profile` (added, or replaced). */
export function withProfile(content: ProfileFile, name: string, profile: Profile): ProfileFile {
  checkProfileName(name);
  return { profiles: { ...content.profiles, [name]: profile } };
}

/** The file without `name`; an unknown name is an error naming those there are. */
export function withoutProfile(content: ProfileFile, name: string): ProfileFile {
  lookUpProfile(content, name, 'profile file');
  const rest = Object.fromEntries(Object.entries(content.profiles).filter(([key]) => key !== name));
  return { profiles: rest };
}

/** The profile `name`, or an error that lists the names there are. */
export function lookUpProfile(content: ProfileFile, name: string, file: string): Profile {
  const profile = Object.hasOwn(content.profiles, name) ? content.profiles[name] : undefined;
  if (profile === undefined) {
    const names = Object.keys(content.profiles);
    throw new ProfileError(
      'profile_not_found',
      `no profile '${name}' in ${file}` +
        (names.length === 0
          ? '; add one with `npx lyctl profile add NAME`'
          : ` (there are: ${names.join(', ')})`),
    );
  }
  return profile;
}

/** An API key as it may be shown: its `ly_` prefix and first characters, as the API's own `prefix` field. */
export function maskedKey(key: string): string {
  return key.length <= 9 ? '…' : `${key.slice(0, 9)}…`;
}
