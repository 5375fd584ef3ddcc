import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_KEY_SECRET_PATTERN,
  displayPrefix,
  generateApiKeySecret,
  hashApiKeySecret,
  isWellFormedApiKeySecret,
} from './api-key-secret';
import { newId } from './ids';
import { writePrivateFileAtomically } from './private-files';
import type { ApiKeyStore } from './store/api-keys';
import type { CloudClock } from './clock';

export const BOOTSTRAP_KEY_NAME = 'bootstrap';
export const BOOTSTRAP_KEY_FILE_NAME = 'bootstrap-key';

/** `startLocalCloud({ bootstrapKey })` was given a secret that is not of the documented form. */
export class InvalidBootstrapKeyError extends Error {
  constructor() {
    // The rejected value is not repeated: it is meant to be a secret.
    super(`bootstrapKey must match ${API_KEY_SECRET_PATTERN.source} (ly_ and 40 letters or digits)`);
    this.name = 'InvalidBootstrapKeyError';
  }
}

export interface BootstrapOptions {
  /** Where `bootstrap-key` lives; absent for an in-memory cloud, whose secret is only returned. */
  readonly dataDir?: string;
  /** A fixed secret for the bootstrap key. */
  readonly secret?: string;
  readonly log: (line: string) => void;
  /** The cloud's clock, so the key's `created_at` agrees with every other timestamp it writes. */
  readonly clock: CloudClock;
}

/**
 * Makes sure the account has its `bootstrap` key (permission `*`) and returns that key's secret.
 *
 * - No bootstrap key yet: one is created with the given or a new secret.
 * - A fixed secret is given: the bootstrap key is set to it, so a configured secret always works.
 * - Otherwise the secret is read back from `<dataDir>/bootstrap-key`. Only its hash is in the database, so
 *   when that file is missing or stale the key is given a new secret (logged), rather than leaving a local
 *   cloud nobody can call.
 *
 * The file is rewritten whenever the secret changes, atomically and with mode 0600.
 */
export function ensureBootstrapKey(apiKeys: ApiKeyStore, options: BootstrapOptions): string {
  if (options.secret !== undefined && !isWellFormedApiKeySecret(options.secret))
    throw new InvalidBootstrapKeyError();

  const existing = apiKeys.findByName(BOOTSTRAP_KEY_NAME);
  if (existing === undefined) {
    const secret = options.secret ?? generateApiKeySecret();
    apiKeys.insert({
      id: newId('apiKey'),
      name: BOOTSTRAP_KEY_NAME,
      prefix: displayPrefix(secret),
      secretSha256: hashApiKeySecret(secret),
      permissions: ['*'],
      createdAt: options.clock.nowIso(),
    });
    saveSecret(options.dataDir, secret);
    return secret;
  }

  const storedHash = apiKeys.secretHashOf(existing.id);
  const candidate = options.secret ?? readSavedSecret(options.dataDir);
  if (candidate !== undefined && hashApiKeySecret(candidate) === storedHash) {
    if (options.secret !== undefined) saveSecret(options.dataDir, candidate);
    return candidate;
  }
  const secret = options.secret ?? generateApiKeySecret();
  apiKeys.replaceSecret(existing.id, displayPrefix(secret), hashApiKeySecret(secret));
  saveSecret(options.dataDir, secret);
  if (options.secret === undefined) {
    options.log(
      `${options.clock.nowIso()} the bootstrap key file was missing or did not match the database; ` +
        `the bootstrap key ${existing.id} was given a new secret (prefix ${displayPrefix(secret)})`,
    );
  }
  return secret;
}

/** The secret saved by an earlier start, if there is a readable, well-formed one. */
export function readSavedSecret(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(join(dataDir, BOOTSTRAP_KEY_FILE_NAME), 'utf8').trim();
  } catch {
    return undefined;
  }
  return isWellFormedApiKeySecret(text) ? text : undefined;
}

/** Writes the secret with mode 0600 via an exclusive temporary file and a rename: never half a key. */
function saveSecret(dataDir: string | undefined, secret: string): void {
  if (dataDir === undefined) return;
  writePrivateFileAtomically(join(dataDir, BOOTSTRAP_KEY_FILE_NAME), `${secret}\n`);
}
