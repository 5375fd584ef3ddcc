import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import * as tf from './generated';
import { failures, isConcrete } from './validation';

export interface SshKeyProps {
  /** A label for the key; renaming updates it in place. */
  readonly name: string;
  /**
   * The OpenSSH public key, one line (`ssh-ed25519 AAAA... comment`). Surrounding white space is trimmed, so
   * the contents of a `.pub` file can be passed as they are. Changing it replaces the key.
   */
  readonly publicKey: string;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/** An SSH public key registered with LightYear Cloud, for instances to install. */
export class SshKey extends Construct {
  /** The underlying `lightyear_ssh_key` resource, for escape hatches (`addOverride`, lifecycle). */
  public readonly resource: tf.SshKey;

  public constructor(scope: Construct, id: string, props: SshKeyProps) {
    super(scope, id);
    const publicKey = isConcrete(props.publicKey) ? props.publicKey.trim() : props.publicKey;
    this.resource = new tf.SshKey(this, 'Resource', {
      name: props.name,
      publicKey,
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () =>
        failures([
          {
            failed: isConcrete(props.name) && (props.name.length === 0 || props.name.length > 255),
            message: `SshKey ${this.node.path}: name must be 1 to 255 characters`,
          },
          {
            failed: isConcrete(props.name) && props.name !== props.name.trim(),
            message: `SshKey ${this.node.path}: name must not start or end with white space`,
          },
          {
            failed: isConcrete(publicKey) && /[\r\n]/.test(publicKey),
            message: `SshKey ${this.node.path}: publicKey must be a single line (one OpenSSH public key)`,
          },
          {
            failed:
              isConcrete(publicKey) &&
              !/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) \S+/.test(publicKey),
            message: `SshKey ${this.node.path}: publicKey must start with ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521 and its base64 body`,
          },
        ]),
    });
  }

  /** The key id (`sshk_...`), known after apply. */
  public get sshKeyId(): string {
    return this.resource.id;
  }

  /** `SHA256:...`, as `ssh-keygen -l` prints it. */
  public get fingerprint(): string {
    return this.resource.fingerprint;
  }

  public get name(): string {
    return this.resource.name;
  }
}
