import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { blockSizeProblem, canonicalName, NAME_LIMITS } from '../src/spelling';
import * as tf from './generated';
import { problemOf, propFailures, propMessage } from './rules';
import type { Server } from './server';
import { isConcrete } from './validation';

export interface VolumeProps {
  /** The volume's label, 1 to 255 characters; changing it updates it in place. */
  readonly label: string;
  /** The region; it must be a server's region to attach to it. Changing it replaces the volume. */
  readonly region: string;
  /** Size in GB, 10 to 10000. It may grow in place; a smaller value is refused, never a replacement. */
  readonly sizeGb: number;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/** Block storage (`lightyear_block_storage`) that can be attached to a server with `attachTo`. */
export class Volume extends Construct {
  /** The underlying `lightyear_block_storage` resource, for escape hatches. */
  public readonly resource: tf.BlockStorage;
  /** The attachment made by `attachTo`, if any. */
  public attachment?: tf.BlockStorageAttachment;
  private readonly region: string;
  private readonly provider?: TerraformProvider;

  public constructor(scope: Construct, id: string, props: VolumeProps) {
    super(scope, id);
    this.region = props.region;
    this.provider = props.provider;
    this.resource = new tf.BlockStorage(this, 'Resource', {
      label: isConcrete(props.label) ? props.label.trim() : props.label,
      region: props.region,
      sizeGb: props.sizeGb,
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () =>
        propFailures(this, [
          ['label', problemOf(props.label, (t) => canonicalName(t, NAME_LIMITS.blockLabel))],
          ['sizeGb', isConcrete(props.sizeGb) ? blockSizeProblem(props.sizeGb) : undefined],
        ]),
    });
  }

  /**
   * Attaches the volume to `server` (a `lightyear_block_storage_attachment`): created once the server is
   * running, detached before either is destroyed. A volume attaches to one server.
   */
  public attachTo(server: Server): tf.BlockStorageAttachment {
    if (this.attachment !== undefined)
      throw new Error(`Volume ${this.node.path}: already attached (a volume attaches to one server)`);
    this.attachment = new tf.BlockStorageAttachment(this, 'Attachment', {
      blockId: this.resource.id,
      instanceId: server.serverId,
      provider: this.provider,
    });
    const region = this.region;
    this.node.addValidation({
      validate: () =>
        isConcrete(region) && isConcrete(server.region) && region !== server.region
          ? [
              propMessage(this, 'region', {
                code: 'region_mismatch',
                reason: `is ${region}, but server ${server.node.path} is in ${server.region}: a volume attaches only to a server of its region`,
              }),
            ]
          : [],
    });
    return this.attachment;
  }

  /** The volume id (`blk_...`), known after apply. */
  public get volumeId(): string {
    return this.resource.id;
  }
}
