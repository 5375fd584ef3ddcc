import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFileAtomically } from '../private-files';

/** In the data directory, beside `cloud.db`: the key webhook signing secrets are sealed under. */
export const WEBHOOK_SECRETS_KEY_FILE_NAME = 'webhook-secrets.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_PREFIX = 'sealed:v1:';

/** The key file exists but is not a key this cloud wrote; replacing it would orphan every sealed secret. */
export class WebhookSecretsKeyError extends Error {
  readonly code = 'webhook_secrets_key_unusable';

  constructor(message: string) {
    super(message);
    this.name = 'WebhookSecretsKeyError';
  }
}

/**
 * Webhook signing secrets cannot be hashed (every delivery is signed with the secret itself), so they are
 * sealed (AES-256-GCM, bound to the webhook's id) under a key kept in its own file. The database file alone
 * (a copy, a backup, a dump attached to a bug report) then holds no usable secret; the directory as a
 * whole is protected by its 0700 mode.
 */
export class WebhookSecretVault {
  private constructor(private readonly key: Buffer) {}

  /** The data directory's key, created on first use; a random key for an in-memory cloud. */
  static open(dataDir: string | undefined): WebhookSecretVault {
    if (dataDir === undefined) return new WebhookSecretVault(randomBytes(KEY_BYTES));
    const file = path.join(dataDir, WEBHOOK_SECRETS_KEY_FILE_NAME);
    if (!fs.existsSync(file))
      writePrivateFileAtomically(file, randomBytes(KEY_BYTES).toString('base64') + '\n');
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new WebhookSecretsKeyError(
        `${file} does not hold a ${KEY_BYTES}-byte key; restore it (webhook secrets are sealed under it).`,
      );
    }
    return new WebhookSecretVault(key);
  }

  seal(secret: string, webhookId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(webhookId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** The secret; one stored in the clear by an older build is returned as it is (and resealed by the store). */
  open(stored: string, webhookId: string): string {
    if (!isSealed(stored)) return stored;
    const bytes = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(webhookId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new WebhookSecretsKeyError(
        `The signing secret of webhook ${webhookId} does not open with ${WEBHOOK_SECRETS_KEY_FILE_NAME}; ` +
          'the key file was replaced.',
      );
    }
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}
