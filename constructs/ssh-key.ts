import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { canonicalName, canonicalPublicKey, NAME_LIMITS } from '../src/spelling';
import * as tf from './generated';
import { problemOf, propFailures } from './rules';
import { isConcrete } from './validation';

export interface SshKeyProps {
  /** A label for the key, 1 to 255 characters; renaming updates it in place. Surrounding blanks are trimmed. */
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
    // Trimmed here as the API trims them, so the state holds what the API answers.
    const publicKey = isConcrete(props.publicKey) ? props.publicKey.trim() : props.publicKey;
    const name = isConcrete(props.name) ? props.name.trim() : props.name;
    this.resource = new tf.SshKey(this, 'Resource', { name, publicKey, provider: props.provider });
    this.node.addValidation({
      validate: () =>
        propFailures(this, [
          ['name', problemOf(props.name, (t) => canonicalName(t, NAME_LIMITS.sshKeyName))],
          ['publicKey', problemOf(props.publicKey, canonicalPublicKey)],
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
