import {
  DEMO_DURATIONS,
  INSTANT_DURATIONS,
  scaleDurations,
  type LifecycleDurations,
  type LocalCloudOptions,
} from '../cloud';
import { UsageError } from './errors';

/** The flags `local start` and `local serve` share for how the cloud behaves. */
export const cloudFlagOptions = {
  'rate-limit': {
    type: 'string',
    valueName: 'N',
    description: 'requests per minute per API key before 429 (default 600; 0 = no limit)',
  },
  lifecycle: {
    type: 'string',
    valueName: 'MODE',
    description: 'demo (instances take seconds to provision, the default) or instant',
  },
  'lifecycle-speed': {
    type: 'string',
    valueName: 'X',
    description: 'run the demo lifecycle X times faster (e.g. 10; 0.5 is twice as slow)',
  },
  tls: {
    type: 'boolean',
    description: 'serve HTTPS with a self-signed certificate kept in <data>/tls-cert.pem',
  },
  'allow-private-webhooks': {
    type: 'boolean',
    description: 'let webhooks deliver to private addresses (10/8, 172.16/12, 192.168/16, fc00::/7)',
  },
} as const;

export interface CloudFlags {
  readonly 'rate-limit'?: string;
  readonly lifecycle?: string;
  readonly 'lifecycle-speed'?: string;
  readonly tls?: boolean;
  readonly 'allow-private-webhooks'?: boolean;
}

export type CloudBehaviour = Pick<
  LocalCloudOptions,
  'rateLimitPerMinute' | 'lifecycle' | 'tls' | 'allowPrivateWebhookTargets'
>;

/** The cloud options the flags ask for; only what was given, so the cloud's own defaults apply otherwise. */
export function parseCloudFlags(flags: CloudFlags): CloudBehaviour {
  const behaviour: {
    rateLimitPerMinute?: number;
    lifecycle?: LifecycleDurations;
    tls?: boolean;
    allowPrivateWebhookTargets?: boolean;
  } = {};
  const rateLimit = flags['rate-limit'];
  if (rateLimit !== undefined) {
    if (!/^\d{1,9}$/.test(rateLimit)) {
      throw new UsageError(
        'invalid_option_value',
        `--rate-limit must be a whole number of requests per minute (0 = no limit), not '${rateLimit}'`,
      );
    }
    behaviour.rateLimitPerMinute = Number(rateLimit);
  }
  const mode = flags.lifecycle;
  if (mode !== undefined && mode !== 'demo' && mode !== 'instant') {
    throw new UsageError('invalid_option_value', `--lifecycle must be demo or instant, not '${mode}'`);
  }
  const speed = flags['lifecycle-speed'];
  if (speed !== undefined) {
    const factor = Number(speed);
    if (!/^\d+(\.\d+)?$/.test(speed) || !(factor > 0) || !Number.isFinite(factor)) {
      throw new UsageError(
        'invalid_option_value',
        `--lifecycle-speed must be a number above 0 (10 = ten times faster), not '${speed}'`,
      );
    }
    if (mode === 'instant') {
      throw new UsageError(
        'invalid_option_value',
        '--lifecycle-speed has no effect with --lifecycle instant',
      );
    }
    behaviour.lifecycle = scaleDurations(DEMO_DURATIONS, factor);
  } else if (mode === 'instant') {
    behaviour.lifecycle = INSTANT_DURATIONS;
  }
  if (flags.tls === true) behaviour.tls = true;
  if (flags['allow-private-webhooks'] === true) behaviour.allowPrivateWebhookTargets = true;
  return behaviour;
}

/** The same flags as arguments again, for the `local serve` that `local start` runs in the background. */
export function cloudFlagArgs(flags: CloudFlags): string[] {
  const args: string[] = [];
  if (flags['rate-limit'] !== undefined) args.push('--rate-limit', flags['rate-limit']);
  if (flags.lifecycle !== undefined) args.push('--lifecycle', flags.lifecycle);
  if (flags['lifecycle-speed'] !== undefined) args.push('--lifecycle-speed', flags['lifecycle-speed']);
  if (flags.tls === true) args.push('--tls');
  if (flags['allow-private-webhooks'] === true) args.push('--allow-private-webhooks');
  return args;
}
