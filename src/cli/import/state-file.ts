import fs from 'node:fs';
import { fileErrorInWords } from '../../files/file-error-words';
import { ImportStateFileError } from './errors';

/**
 * What a Terraform state file (`terraform.tfstate`, version 4: `terraform state pull` writes the same JSON)
 * already manages: `lightyear_*` objects by type and id, with the address that manages each.
 */
export interface ManagedObjects {
  /** `lightyear_instance` → id → `module.app.lightyear_instance.web`. */
  readonly byType: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

interface StateJson {
  version?: unknown;
  resources?: {
    mode?: unknown;
    type?: unknown;
    name?: unknown;
    module?: unknown;
    instances?: { attributes?: { id?: unknown }; index_key?: unknown }[];
  }[];
}

export function parseStateFile(text: string, file: string): ManagedObjects {
  let json: StateJson;
  try {
    json = JSON.parse(text) as StateJson;
  } catch (err) {
    throw new ImportStateFileError(file, `not JSON (${(err as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || json.version !== 4 || !Array.isArray(json.resources))
    throw new ImportStateFileError(file, 'not a Terraform state file (version 4, with "resources")');
  const byType = new Map<string, Map<string, string>>();
  for (const resource of json.resources) {
    if (resource.mode !== 'managed' || typeof resource.type !== 'string') continue;
    const base = `${typeof resource.module === 'string' ? `${resource.module}.` : ''}${resource.type}.${String(resource.name)}`;
    let ids = byType.get(resource.type);
    if (ids === undefined) byType.set(resource.type, (ids = new Map()));
    for (const instance of resource.instances ?? []) {
      const id = instance.attributes?.id;
      if (typeof id !== 'string') continue;
      const key = instance.index_key;
      const address =
        key === undefined
          ? base
          : typeof key === 'number'
            ? `${base}[${key}]`
            : `${base}[${JSON.stringify(key)}]`;
      ids.set(id, address);
    }
  }
  return { byType };
}

export function readStateFile(file: string): ManagedObjects {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ImportStateFileError(file, fileErrorInWords(err));
  }
  return parseStateFile(text, file);
}

/** The address managing this object, if the state does. */
export function managedAddress(managed: ManagedObjects, type: string, id: string): string | undefined {
  return managed.byType.get(type)?.get(id);
}

/** The address managing an object with this id, whatever its type (an id names one object). */
export function managedAddressOfId(managed: ManagedObjects, id: string): string | undefined {
  for (const ids of managed.byType.values()) {
    const address = ids.get(id);
    if (address !== undefined) return address;
  }
  return undefined;
}
