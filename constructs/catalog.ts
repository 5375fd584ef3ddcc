import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import * as tf from './generated';

export interface CheapestPlanProps {
  /** The region the plan must be offered in (`ams`, `fra`, ...). */
  readonly region: string;
  /** @default no minimum */
  readonly minVcpuCount?: number;
  /** @default no minimum */
  readonly minRamMb?: number;
  /** @default no minimum */
  readonly minDiskGb?: number;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/**
 * The cheapest plan offered in a region that meets a size, looked up in the catalog when Terraform plans
 * (the `lightyear_plan` data source; equal prices go by id). Pass it as a server's `plan`. No plan meeting
 * the size is an error at plan time that lists where such plans are offered.
 */
export class CheapestPlan extends Construct {
  /** The underlying `lightyear_plan` data source. */
  public readonly dataSource: tf.DataLightyearPlan;

  public constructor(scope: Construct, id: string, props: CheapestPlanProps) {
    super(scope, id);
    this.dataSource = new tf.DataLightyearPlan(this, 'Lookup', {
      region: props.region,
      minVcpuCount: props.minVcpuCount,
      minRamMb: props.minRamMb,
      minDiskGb: props.minDiskGb,
      provider: props.provider,
    });
  }

  /** The plan id (`vc2-1c-1gb`). */
  public get planId(): string {
    return this.dataSource.id;
  }
}

export interface NewestImageProps {
  /** The image family (`ubuntu`, `debian`, `rocky`). */
  readonly family: string;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/**
 * The newest image of a family, looked up when Terraform plans (the `lightyear_image` data source): the
 * highest version after the family name, compared part by part (`debian-12` over `debian-9`).
 */
export class NewestImage extends Construct {
  /** The underlying `lightyear_image` data source. */
  public readonly dataSource: tf.DataLightyearImage;

  public constructor(scope: Construct, id: string, props: NewestImageProps) {
    super(scope, id);
    this.dataSource = new tf.DataLightyearImage(this, 'Lookup', {
      family: props.family,
      provider: props.provider,
    });
  }

  /** The image id (`ubuntu-24.04`). */
  public get imageId(): string {
    return this.dataSource.id;
  }
}
