/**
 * CDKTF constructs for LightYear Cloud. The hand-written constructs here check their props at synth and
 * document their defaults; `tf` holds the bindings cdktf's own provider generator makes from the provider's
 * schema, for anything the hand-written layer does not cover. `tf` offers each name both flat (`tf.SshKey`)
 * and in the namespace a `cdktf get` user knows (`tf.sshKey.SshKey`), with nested-type classes,
 * `put…`/`reset…`, `importFrom` and `moveTo` as every prebuilt `@cdktf/provider-*` package has them.
 */
export * as tf from './generated';
export { LightyearProvider, type LightyearProviderConfig } from './generated';
export { SshKey, type SshKeyProps } from './ssh-key';
export { Port } from './port';
export { Peer } from './peer';
export { InvalidValueError } from './errors';
export { CheapestPlan, NewestImage, type CheapestPlanProps, type NewestImageProps } from './catalog';
export { ScopedApiKey, Webhook, type ScopedApiKeyProps, type WebhookProps } from './account';
export { Firewall, type FirewallProps } from './firewall';
export { Server, type ServerProps } from './server';
export { Volume, type VolumeProps } from './volume';
export { DnsZone, type DnsZoneProps, type DnsRecordOptions } from './dns-zone';
