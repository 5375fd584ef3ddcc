import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { canonicalName, NAME_LIMITS } from '../src/spelling';
import * as tf from './generated';
import type { Peer } from './peer';
import type { Port } from './port';
import { problemOf, propFailures } from './rules';
import { isConcrete } from './validation';

export interface FirewallProps {
  /** The firewall's name, 1 to 255 characters; renaming updates it in place and never touches its rules. */
  readonly name: string;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/** One rule as the firewall resource takes it. */
interface Rule {
  readonly protocol: string;
  readonly ports?: string;
  readonly cidrs: readonly string[];
}

/**
 * A LightYear firewall with a readable rule API:
 *
 *   const web = new Firewall(this, 'web', { name: 'web' });
 *   web.allowInbound(Port.tcp(22), Peer.anyIp());
 *   web.allowInbound(Port.tcp(443), Peer.anyIp());
 *
 * Servers take the construct itself (`new Server(..., { firewall: web })`). Rules are a set: the order they
 * are added in, repeats, and spellings the API canonicalizes never show as a change.
 */
export class Firewall extends Construct {
  /** The underlying `lightyear_firewall` resource, for escape hatches. */
  public readonly resource: tf.Firewall;
  private readonly inbound: Rule[] = [];
  private readonly outbound: Rule[] = [];

  public constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const name = isConcrete(props.name) ? props.name.trim() : props.name;
    this.resource = new tf.Firewall(this, 'Resource', {
      name,
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () =>
        propFailures(this, [
          ['name', problemOf(props.name, (t) => canonicalName(t, NAME_LIMITS.firewallName))],
        ]),
    });
  }

  /** Lets `port` in from `peer`. */
  public allowInbound(port: Port, peer: Peer): this {
    this.inbound.push(rule(port, peer));
    this.resource.putInboundRules(
      this.inbound.map((r) => ({ protocol: r.protocol, ports: r.ports, sources: [...r.cidrs] })),
    );
    return this;
  }

  /** Lets `port` out to `peer`. */
  public allowOutbound(port: Port, peer: Peer): this {
    this.outbound.push(rule(port, peer));
    this.resource.putOutboundRules(
      this.outbound.map((r) => ({ protocol: r.protocol, ports: r.ports, destinations: [...r.cidrs] })),
    );
    return this;
  }

  /** The firewall id (`fw_...`), known after apply. */
  public get firewallId(): string {
    return this.resource.id;
  }
}

function rule(port: Port, peer: Peer): Rule {
  return {
    protocol: port.protocol,
    ...(port.ports === undefined ? {} : { ports: port.ports }),
    cidrs: peer.cidrs,
  };
}
