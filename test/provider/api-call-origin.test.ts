import {
  attributeApiCalls,
  attributeDataSourceApiCalls,
  currentApiCallOrigin,
  withApiCallOrigin,
} from '../../src/provider/api-call-origin';
import { Diagnostics } from '../../src/provider/framework/diagnostics';
import type { OperationContext, ResourceDefinition } from '../../src/provider/framework/resource';
import { ctyString } from '../../src/provider/protocol/values';

/** A resource whose operations record the origin their (asynchronous) API calls would be attributed to. */
function recorder(seen: unknown[]): ResourceDefinition<null> {
  const later = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    seen.push(currentApiCallOrigin());
  };
  return {
    typeName: 'lightyear_thing',
    schema: {
      version: 0,
      description: 'x',
      attributes: { id: { type: ctyString, description: 'id', computed: true } },
    },
    create: async (_ctx, planned) => (await later(), { ...planned, id: 't_new' }),
    read: async (_ctx, state) => (await later(), state),
    update: async (_ctx, _prior, planned) => (await later(), planned),
    delete: async () => later(),
    importState: (id) => ({ id }),
  };
}

const ctx: OperationContext<null> = {
  client: null,
  signal: new AbortController().signal,
  diagnostics: new Diagnostics(),
};

describe('API call origins', () => {
  it('follow each resource operation through its awaits, with the id and name it works on', async () => {
    const seen: unknown[] = [];
    const thing = attributeApiCalls(recorder(seen));
    await thing.create(ctx, { id: null, name: 'web' });
    await thing.read(ctx, { id: 't_1', name: 'web' });
    await thing.update(ctx, { id: 't_1', name: 'web' }, { id: null, name: 'www' });
    await thing.delete(ctx, { id: 't_1', name: 'www' });
    expect(seen).toEqual([
      { operation: 'create', resourceType: 'lightyear_thing', resourceName: 'web' },
      { operation: 'read', resourceType: 'lightyear_thing', resourceId: 't_1', resourceName: 'web' },
      { operation: 'update', resourceType: 'lightyear_thing', resourceId: 't_1', resourceName: 'www' },
      { operation: 'delete', resourceType: 'lightyear_thing', resourceId: 't_1', resourceName: 'www' },
    ]);
  });

  it('follow a data source read, with what it looks for', async () => {
    const seen: unknown[] = [];
    const lookup = attributeDataSourceApiCalls<null>({
      typeName: 'lightyear_thing',
      schema: recorder([]).schema,
      read: async (_ctx, config) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(currentApiCallOrigin());
        return config;
      },
    });
    await lookup.read(ctx, { id: null, name: 'web' });
    expect(seen).toEqual([{ operation: 'read-data', resourceType: 'lightyear_thing', resourceName: 'web' }]);
  });

  it('keep concurrent operations apart', async () => {
    const seen: { resourceId?: string }[] = [];
    const thing = attributeApiCalls(recorder(seen));
    await Promise.all(['a', 'b', 'c'].map((id) => thing.read(ctx, { id, name: null })));
    expect(seen.map((origin) => origin.resourceId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('are absent outside any operation', async () => {
    expect(currentApiCallOrigin()).toBeUndefined();
    expect(withApiCallOrigin({ operation: 'configure' }, () => currentApiCallOrigin())).toEqual({
      operation: 'configure',
    });
  });
});
