import { sameIpAddress } from '../../spelling/ip-address';
import type { ObjectValue } from '../../provider/protocol/values';
import { Reference, type Expression } from './expression';
import type { StringResolver } from './arguments';

/**
 * References between generated resources, so the output says "this server's firewall" rather than copying
 * `fw_…`: Terraform then orders the imports and a later change to one object flows into the others.
 *
 * Two rules, both about what the values mean rather than which attributes exist:
 * - an id argument (`firewall_id`, `ssh_key_ids`, `block_id`, …, and a record's `domain`, which names a
 *   domain by its id) holding the id of another generated resource becomes `<type>.<name>.id`;
 * - an address record (`A`, `AAAA`) whose data is a generated server's address becomes
 *   `lightyear_instance.<name>.ipv4` / `.ipv6`.
 */

export interface GeneratedObject {
  readonly type: string;
  readonly name: string;
  /** The object's state as the provider read it. */
  readonly state: ObjectValue;
}

/** Attributes holding the id of another object: `…_id`, `…_ids`, or named after the kind they point to. */
function holdsIds(attribute: string, target: GeneratedObject): boolean {
  return attribute.endsWith('_id') || attribute.endsWith('_ids') || target.type.endsWith(`_${attribute}`);
}

const ADDRESS_ATTRIBUTE: Readonly<Record<string, string>> = { A: 'ipv4', AAAA: 'ipv6' };

export class ReferenceIndex {
  private readonly byId = new Map<string, GeneratedObject>();

  constructor(private readonly objects: readonly GeneratedObject[]) {
    // First one wins: an attachment shares its volume's id, and an id refers to the volume.
    for (const object of objects) {
      const id = object.state.id;
      if (typeof id === 'string' && !this.byId.has(id)) this.byId.set(id, object);
    }
  }

  /** The object generated for this id, if any. */
  find(id: string): GeneratedObject | undefined {
    return this.byId.get(id);
  }

  /** The resolver for the arguments of `self`. */
  resolverFor(self: GeneratedObject): StringResolver {
    return (path, value): Expression => {
      const attribute = path[path.length - 1] ?? '';
      const target = this.byId.get(value);
      if (target !== undefined && target !== self && path.length === 1 && holdsIds(attribute, target))
        return new Reference(target.type, target.name, 'id');
      if (path.length === 1 && attribute === 'data') {
        const address = this.addressReference(self.state.type, value);
        if (address !== undefined) return address;
      }
      return value;
    };
  }

  private addressReference(recordType: unknown, data: string): Reference | undefined {
    const attribute =
      typeof recordType === 'string' ? ADDRESS_ATTRIBUTE[recordType.toUpperCase()] : undefined;
    if (attribute === undefined) return undefined;
    const server = this.objects.find((o) => {
      const address = o.state[attribute];
      return o.type === 'lightyear_instance' && typeof address === 'string' && sameAddress(address, data);
    });
    return server === undefined ? undefined : new Reference(server.type, server.name, attribute);
  }
}

function sameAddress(a: string, b: string): boolean {
  try {
    return sameIpAddress(a, b);
  } catch {
    return false;
  }
}
