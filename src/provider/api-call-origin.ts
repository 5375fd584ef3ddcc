import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSourceDefinition, ResourceDefinition } from './framework/resource';
import type { ObjectValue } from './protocol/values';

/**
 * What an API call is for, as far as the provider can know. tfplugin6 never tells a provider a resource's
 * address (`lightyear_ssh_key.laptop`); it gets the type name and the object's values. So the log names the
 * operation, the type, the object's id once it has one, and its `name` where the schema has one: enough to
 * find the block in the configuration.
 */
export interface ApiCallOrigin {
  /** `configure`, the resource operation (`create`, `read`, `update`, `delete`), or a data source's `read-data`. */
  readonly operation: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly resourceName?: string;
}

const storage = new AsyncLocalStorage<ApiCallOrigin>();

/** The origin of the operation the current asynchronous flow belongs to. */
export function currentApiCallOrigin(): ApiCallOrigin | undefined {
  return storage.getStore();
}

/** Runs `fn` so that every API call it makes, however deep, is attributed to `origin`. */
export function withApiCallOrigin<T>(origin: ApiCallOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

function originOf(operation: string, resourceType: string, value: ObjectValue): ApiCallOrigin {
  const id = value['id'];
  const name = value['name'];
  return {
    operation,
    resourceType,
    ...(typeof id === 'string' ? { resourceId: id } : {}),
    ...(typeof name === 'string' ? { resourceName: name } : {}),
  };
}

/** The same resource, with each operation attributed to the object it works on. */
export function attributeApiCalls<Client>(def: ResourceDefinition<Client>): ResourceDefinition<Client> {
  const type = def.typeName;
  return {
    ...def,
    create: (ctx, planned) =>
      withApiCallOrigin(originOf('create', type, planned), () => def.create(ctx, planned)),
    read: (ctx, state) => withApiCallOrigin(originOf('read', type, state), () => def.read(ctx, state)),
    update: (ctx, prior, planned) =>
      withApiCallOrigin(originOf('update', type, { ...planned, id: prior['id'] ?? null }), () =>
        def.update(ctx, prior, planned),
      ),
    delete: (ctx, state) => withApiCallOrigin(originOf('delete', type, state), () => def.delete(ctx, state)),
  };
}

/** The same data source, with its reads attributed to it and to what it looks for (`id` or `name`). */
export function attributeDataSourceApiCalls<Client>(
  def: DataSourceDefinition<Client>,
): DataSourceDefinition<Client> {
  return {
    ...def,
    read: (ctx, config) =>
      withApiCallOrigin(originOf('read-data', def.typeName, config), () => def.read(ctx, config)),
  };
}
