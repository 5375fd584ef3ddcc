import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Where webhook deliveries may go. A webhook makes the cloud send requests to an address of the
 * subscriber's choosing, from inside the cloud's network: without limits it reaches cloud metadata
 * services, the LAN behind the machine and the cloud's own control endpoints.
 */
export interface WebhookTargetPolicy {
  /** Private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are refused unless this is set. */
  readonly allowPrivateTargets: boolean;
  /** The cloud's own listener, set once it listens: deliveries to it are refused. */
  listener?: { readonly host: string; readonly port: number };
}

/** What kind of address a target is; every kind but `public` and `loopback` is refused by default. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'translation';

function blockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [network, prefix] = entry.split('/') as [string, string | undefined];
    const family = network.includes(':') ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(network, family);
    else list.addSubnet(network, Number(prefix), family);
  }
  return list;
}

// Checked in this order; IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match the IPv4 entries (BlockList
// compares them as the IPv4 address they carry), so no spelling of an address slips past its kind.
const KINDS: readonly (readonly [AddressKind, BlockList])[] = [
  // Instance metadata services: AWS's IPv6 endpoint sits inside fc00::/7, so it is checked before it.
  ['metadata', blockList(['fd00:ec2::254'])],
  ['unspecified', blockList(['0.0.0.0/8', '::/128'])],
  ['loopback', blockList(['127.0.0.0/8', '::1/128'])],
  ['link_local', blockList(['169.254.0.0/16', 'fe80::/10'])],
  ['multicast', blockList(['224.0.0.0/4', 'ff00::/8'])],
  ['reserved', blockList(['240.0.0.0/4', '192.0.0.0/24', '::/96', '100::/64', '2001:db8::/32'])],
  // NAT64 and 6to4 addresses carry an IPv4 address that a translator would reach: any of them.
  ['translation', blockList(['64:ff9b::/96', '64:ff9b:1::/48', '2002::/16'])],
  ['private', blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'])],
];

export function addressKind(address: string): AddressKind {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  for (const [kind, list] of KINDS) if (list.check(address, family)) return kind;
  return 'public';
}

/**
 * Why a delivery to `address`:`port` is refused, or undefined when it is allowed. Loopback is allowed
 * (local development runs its receivers there) except the cloud's own port; private ranges only when
 * the cloud was started with `allowPrivateTargets`; link-local, metadata, unspecified, multicast, reserved
 * and translation addresses never.
 */
export function targetAddressProblem(
  address: string,
  port: number,
  policy: WebhookTargetPolicy,
): string | undefined {
  const kind = addressKind(address);
  if (kind === 'private' && !policy.allowPrivateTargets) {
    return 'is a private address; start the local cloud with private webhook targets allowed to use it';
  }
  if (kind !== 'public' && kind !== 'loopback' && kind !== 'private') {
    return `is ${ARTICLE[kind]} address, which webhooks may never reach`;
  }
  if (policy.listener !== undefined && port === policy.listener.port && isOwnAddress(address, kind, policy)) {
    return "is the local cloud's own listener";
  }
  return undefined;
}

const ARTICLE: Readonly<Record<AddressKind, string>> = {
  public: 'a public',
  loopback: 'a loopback',
  private: 'a private',
  link_local: 'a link-local',
  metadata: 'a cloud metadata',
  unspecified: 'an unspecified',
  multicast: 'a multicast',
  reserved: 'a reserved',
  translation: 'an IPv4-translation',
};

function isOwnAddress(address: string, kind: AddressKind, policy: WebhookTargetPolicy): boolean {
  const host = policy.listener?.host ?? '';
  if (kind === 'loopback' || address === host) return true;
  // Listening on every interface: each of the machine's own addresses reaches the cloud.
  if (host === '0.0.0.0' || host === '::' || host === '') {
    return Object.values(networkInterfaces())
      .flat()
      .some((nic) => nic !== undefined && sameAddress(nic.address, address));
  }
  return false;
}

function sameAddress(a: string, b: string): boolean {
  const list = new BlockList();
  list.addAddress(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
  return list.check(b, isIP(b) === 6 ? 'ipv6' : 'ipv4');
}

/** The URL's host as an address when it is one (WHATWG has already turned `0x7f000001` into `127.0.0.1`). */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? undefined : host;
}

/** The URL's port, or its scheme's default. */
export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * The create/update check: a URL whose host is an address literal is checked now; a name is checked at
 * every delivery, after resolving it (its addresses may change, and a rebinding name would pass a check
 * made only once).
 */
export function webhookUrlProblem(text: string, policy: WebhookTargetPolicy): string | undefined {
  const url = new URL(text);
  const address = literalAddress(url) ?? (url.hostname === 'localhost' ? '127.0.0.1' : undefined);
  if (address === undefined) return undefined;
  const problem = targetAddressProblem(address, portOf(url), policy);
  return problem === undefined ? undefined : `must not target ${url.host}, which ${problem}`;
}
