import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import {
  API_KEY_PERMISSIONS,
  canonicalAllowedIps,
  canonicalEventType,
  canonicalName,
  canonicalPermission,
  canonicalTimestamp,
  NAME_LIMITS,
  WEBHOOK_EVENT_TYPES,
  webhookUrlProblem,
  type SpellingProblem,
} from '../src/spelling';
import * as tf from './generated';
import type { Peer } from './peer';
import { problemOf, propFailures } from './rules';
import { isConcrete } from './validation';

export interface ScopedApiKeyProps {
  /** A name for the key, 1 to 255 characters. Keys are immutable: changing any prop makes a new key. */
  readonly name: string;
  /** Scopes such as `instances:read` or `dns:write` (`write` implies `read`); keep them narrow. */
  readonly permissions: readonly string[];
  /**
   * When the key stops working (RFC 3339, e.g. `2027-01-31T00:00:00Z`). Once it has passed, Terraform plans a
   * new key. @default never expires
   */
  readonly expiresAt?: string;
  /** Where the key may be used from. @default anywhere */
  readonly allowedFrom?: Peer;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/**
 * A narrowly scoped, optionally expiring API key (`lightyear_api_key`), e.g. for a CI pipeline. Its
 * `secret` is known only from the apply that creates it, sensitive in state and plans: hand it to a
 * sensitive output or a secret store.
 */
export class ScopedApiKey extends Construct {
  /** The underlying `lightyear_api_key` resource, for escape hatches. */
  public readonly resource: tf.ApiKey;

  public constructor(scope: Construct, id: string, props: ScopedApiKeyProps) {
    super(scope, id);
    this.resource = new tf.ApiKey(this, 'Resource', {
      name: props.name,
      permissions: [...props.permissions],
      expiresAt: props.expiresAt,
      allowedIps: props.allowedFrom === undefined ? undefined : [...props.allowedFrom.cidrs],
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () =>
        propFailures(this, [
          ['name', problemOf(props.name, (t) => canonicalName(t, NAME_LIMITS.apiKeyName))],
          [
            'permissions',
            listProblem(props.permissions, canonicalPermission, 'permission', API_KEY_PERMISSIONS),
          ],
          ['expiresAt', problemOf(props.expiresAt, canonicalTimestamp)],
          ['allowedFrom', allowedProblem(props.allowedFrom)],
        ]),
    });
  }

  /** The key id (`key_...`). */
  public get apiKeyId(): string {
    return this.resource.id;
  }

  /** The secret, for a sensitive output or a secret store. */
  public get secret(): string {
    return this.resource.secret;
  }
}

export interface WebhookProps {
  /** Where LightYear POSTs events: https (http only to a loopback address). */
  readonly url: string;
  /** Event names such as `instance.created`. */
  readonly events: readonly string[];
  /** @default none */
  readonly description?: string;
  /** `false` pauses deliveries (they wait until it is active again). @default true */
  readonly active?: boolean;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/**
 * A webhook (`lightyear_webhook`). Deliveries carry `X-LightYear-Signature: sha256=<HMAC-SHA256(secret,
 * body)>`; the `secret` is known from the apply that creates it, sensitive in state and plans.
 */
export class Webhook extends Construct {
  /** The underlying `lightyear_webhook` resource, for escape hatches. */
  public readonly resource: tf.Webhook;

  public constructor(scope: Construct, id: string, props: WebhookProps) {
    super(scope, id);
    this.resource = new tf.Webhook(this, 'Resource', {
      url: props.url,
      events: [...props.events],
      description: props.description,
      active: props.active,
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () =>
        propFailures(this, [
          ['url', urlProblem(props.url)],
          ['events', listProblem(props.events, canonicalEventType, 'event', WEBHOOK_EVENT_TYPES)],
        ]),
    });
  }

  /** The webhook id (`whk_...`). */
  public get webhookId(): string {
    return this.resource.id;
  }

  /** The signing secret, for a sensitive output or the receiver's configuration. */
  public get secret(): string {
    return this.resource.secret;
  }
}

/** The first entry of a list that the rule does not know, with the known ones; tokens are skipped. */
function listProblem(
  values: readonly string[],
  canonical: (text: string) => string | undefined,
  noun: string,
  known: readonly string[],
): SpellingProblem | undefined {
  if (Token.isUnresolved(values)) return undefined;
  if (values.length === 0) return { code: 'empty', reason: `must name at least one ${noun}` };
  const unknown = values.find((v) => isConcrete(v) && canonical(v) === undefined);
  return unknown === undefined
    ? undefined
    : {
        code: `unknown_${noun}`,
        reason: `has ${JSON.stringify(unknown)}, which is not ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}; use ${known.join(', ')}`,
      };
}

function urlProblem(url: string): SpellingProblem | undefined {
  if (!isConcrete(url)) return undefined;
  const reason = webhookUrlProblem(url);
  return reason === undefined ? undefined : { code: 'invalid_url', reason };
}

function allowedProblem(peer: Peer | undefined): SpellingProblem | undefined {
  if (peer === undefined || peer.cidrs.some((c) => Token.isUnresolved(c))) return undefined;
  return problemOf(peer.cidrs.join('\n'), (text) => canonicalAllowedIps(text.split('\n')));
}
