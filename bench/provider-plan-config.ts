/** The configuration the provider benches plan: `count` SSH keys, each its own ed25519 key. */
import crypto from 'node:crypto';

function ed25519Line(comment: string): string {
  const jwk = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.from(jwk.x!, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

export function lightyearConfig(count: number): string {
  const keys = Array.from({ length: count }, (_, i) => ed25519Line(`bench-${i}`));
  return `terraform {
  required_providers {
    lightyear = { source = "lightyear/lightyear" }
  }
}
provider "lightyear" {}
locals {
  keys = ${JSON.stringify(keys)}
}
resource "lightyear_ssh_key" "k" {
  count      = ${count}
  name       = "bench-\${count.index}"
  public_key = local.keys[count.index]
}
`;
}
