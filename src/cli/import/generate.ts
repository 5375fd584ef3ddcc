import type { LightyearClient } from '../../client';
import { Diagnostics } from '../../provider/framework/diagnostics';
import { ResourceError, ResourceErrors } from '../../provider/framework/errors';
import type { ResourceDefinition } from '../../provider/framework/resource';
import type { ObjectValue } from '../../provider/protocol/values';
import { lightyearProvider } from '../../provider/provider';
import { discoverInventory, type InventoryKind, type InventoryRow } from '../discovery/inventory';
import { configuredObject, isArgument, unreadableSecrets } from './arguments';
import { ImportReadError } from './errors';
import type { ImportedResource } from './expression';
import { NameAllocator } from './names';
import { ReferenceIndex, type GeneratedObject } from './references';
import { managedAddress, managedAddressOfId, type ManagedObjects } from './state-file';

/**
 * `lyctl import`'s model: what the account holds, read back exactly as the provider reads it on
 * `terraform import` (its own `importState` and `read`), turned into configuration by the provider's
 * schemas. Reading through the provider is what makes `terraform plan` on the output empty: the values are
 * the ones Terraform will compare against, in the provider's spelling.
 */

/** The resource type each inventory kind is imported as. A volume attached to a server adds an attachment. */
export const KIND_TYPES: Readonly<Record<InventoryKind, string>> = {
  server: 'lightyear_instance',
  volume: 'lightyear_block_storage',
  firewall: 'lightyear_firewall',
  'ssh-key': 'lightyear_ssh_key',
  snapshot: 'lightyear_snapshot',
  domain: 'lightyear_dns_domain',
  record: 'lightyear_dns_record',
  'api-key': 'lightyear_api_key',
  webhook: 'lightyear_webhook',
};
const ATTACHMENT_TYPE = 'lightyear_block_storage_attachment';

export interface ImportOptions {
  readonly kinds?: readonly InventoryKind[];
  /** Leave out what this state already manages (`--orphans`). */
  readonly managed?: ManagedObjects;
  /** Import the API key lyctl itself runs with; left out otherwise. */
  readonly includeOwnKey?: boolean;
  readonly signal?: AbortSignal;
}

export interface ImportResult {
  readonly resources: readonly ImportedResource[];
  /** Said at the top of the output: what was found but left out, and why. */
  readonly notes: readonly string[];
}

interface Target {
  readonly type: string;
  readonly importId: string;
  /** What the name is made from. */
  readonly hint: string;
  readonly fallback: string;
}

function targetsOf(row: InventoryRow): Target[] {
  const type = KIND_TYPES[row.kind];
  const fallback = row.kind.replace('-', '_');
  const hint = row.kind === 'record' ? `${row.name} ${row.relations.domain?.[0] ?? ''}` : row.name;
  const targets: Target[] = [{ type, importId: row.id, hint, fallback }];
  if (row.kind === 'volume' && (row.relations.server?.length ?? 0) > 0)
    targets.push({ type: ATTACHMENT_TYPE, importId: row.id, hint: row.name, fallback });
  return targets;
}

function definitionOf(type: string): ResourceDefinition<LightyearClient> {
  const definition = lightyearProvider.resources.find((r) => r.typeName === type);
  if (definition === undefined) throw new Error(`the provider has no resource ${type}`);
  return definition;
}

/** The object as `terraform import` + refresh would record it, or null when it is gone meanwhile. */
async function readAsProvider(
  client: LightyearClient,
  target: Target,
  signal: AbortSignal,
): Promise<ObjectValue | null> {
  const definition = definitionOf(target.type);
  const diagnostics = new Diagnostics();
  try {
    return await definition.read({ client, signal, diagnostics }, definition.importState(target.importId));
  } catch (err) {
    if (err instanceof ResourceError || err instanceof ResourceErrors)
      throw new ImportReadError(target.type, target.importId, err.message);
    throw err;
  }
}

function secretNotes(type: string, state: ObjectValue): string[] {
  const schema = definitionOf(type).schema;
  return unreadableSecrets(schema, state).flatMap((name) => {
    const attribute = schema.attributes[name];
    if (attribute !== undefined && isArgument(attribute)) {
      // An argument the API never returns (user_data): only worth a word when the object has one.
      const digest = state[`${name}_sha256`];
      return typeof digest === 'string'
        ? [
            `${name} is left out: the API never returns it, only its SHA-256 (${digest}).`,
            `Add ${name} with the same text to manage it; text with that digest plans no change.`,
          ]
        : [];
    }
    return [
      `${name} cannot be imported: the API shows it only when the object is created; it stays empty in state.`,
    ];
  });
}

export async function generateImport(
  client: LightyearClient,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const signal = options.signal ?? new AbortController().signal;
  const inventory = await discoverInventory(client, {
    ...(options.kinds ? { kinds: options.kinds } : {}),
    signal,
  });
  const names = new NameAllocator();
  const notes: string[] = [];
  const found: (GeneratedObject & { importId: string })[] = [];
  let alreadyManaged = 0;
  for (const row of inventory.rows) {
    for (const target of targetsOf(row)) {
      const state = await readAsProvider(client, target, signal);
      if (state === null) continue;
      const id = typeof state.id === 'string' ? state.id : target.importId;
      if (options.managed !== undefined && managedAddress(options.managed, target.type, id) !== undefined) {
        alreadyManaged++;
        continue;
      }
      if (
        target.type === 'lightyear_api_key' &&
        options.includeOwnKey !== true &&
        client.apiKeyPrefix !== undefined &&
        state.prefix === client.apiKeyPrefix
      ) {
        notes.push(
          `API key ${id} (${client.apiKeyPrefix}…) is the key this import ran with: not imported, so Terraform ` +
            'cannot destroy the key it runs with. lyctl import --include-own-key imports it too.',
        );
        continue;
      }
      found.push({
        type: target.type,
        name: names.take(target.type, target.hint, target.fallback),
        state,
        importId: target.importId,
      });
    }
  }
  if (alreadyManaged > 0)
    notes.push(`${alreadyManaged} object(s) the given state already manages are left out.`);

  const index = new ReferenceIndex(found);
  const resources = found.map((object): ImportedResource => {
    const resolve = index.resolverFor(object);
    const managedElsewhere: string[] = [];
    const configured = configuredObject(definitionOf(object.type).schema, object.state, [], (path, value) => {
      const expression = resolve(path, value);
      // An id the given state manages stays an id here (this output is planned on its own), but the note
      // says which address to refer to once the two configurations are one.
      const address =
        expression === value && options.managed !== undefined
          ? managedAddressOfId(options.managed, value)
          : undefined;
      if (address !== undefined)
        managedElsewhere.push(`${path.join('.')}: ${value} is ${address} in the given state.`);
      return expression;
    });
    return {
      type: object.type,
      name: object.name,
      importId: object.importId,
      id: typeof object.state.id === 'string' ? object.state.id : object.importId,
      attributes: configured.attributes,
      blocks: configured.blocks,
      notes: [...secretNotes(object.type, object.state), ...managedElsewhere],
    };
  });
  return { resources, notes };
}
