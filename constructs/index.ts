/**
 * CDKTF constructs for LightYear Cloud. The hand-written constructs here check their props at synth and
 * document their defaults; `tf` holds the bindings generated from the provider's schema, one class per
 * Terraform resource, for anything the hand-written layer does not cover.
 */
export * as tf from './generated';
export { LightyearProvider, type LightyearProviderConfig } from './generated';
export { SshKey, type SshKeyProps } from './ssh-key';
