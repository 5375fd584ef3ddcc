import { LightyearApiError } from '../../../src/client';
import type { ResourceError } from '../../../src/provider/framework/errors';
import { ResourceErrors } from '../../../src/provider/framework/errors';
import { attr, resourceSchema } from '../../../src/provider/framework/schema-builder';
import { toResourceError } from '../../../src/provider/resources/api-errors';

const schema = resourceSchema({
  version: 0,
  description: '',
  attributes: {
    name: attr.string({ description: '', required: true }),
    inbound_rules: attr.set(
      { ports: attr.string({ description: '', optional: true }) },
      { description: '', optional: true },
    ),
  },
});

describe('API errors as diagnostics', () => {
  it('makes every refused field its own error, on the attribute the user wrote', () => {
    const err = new LightyearApiError({
      code: 'invalid_request',
      message: 'Invalid request',
      status: 400,
      requestId: 'req_1',
      field: 'name',
      reason: 'must not be empty',
      details: {
        errors: [
          { field: 'name', reason: 'must not be empty' },
          { field: 'inbound_rules[1].ports', reason: 'must be 1-65535' },
        ],
      },
    });
    const mapped = toResourceError(err, 'Creating the firewall', schema);
    expect(mapped).toBeInstanceOf(ResourceErrors);
    const errors = (mapped as ResourceErrors).errors;
    expect(errors.map((e) => [e.summary, e.path, e.detail])).toEqual([
      ['Invalid name', ['name'], 'name must not be empty. (request req_1)'],
      ['Invalid inbound_rules', ['inbound_rules'], 'inbound_rules[1].ports must be 1-65535. (request req_1)'],
    ]);
  });

  it('keeps a single field error a single diagnostic, and an error about no field on the resource', () => {
    const one = new LightyearApiError({
      code: 'invalid_request',
      message: 'x',
      status: 400,
      field: 'name',
      reason: 'is bad',
    });
    expect(toResourceError(one, 'Creating', schema)).toMatchObject({
      summary: 'Invalid name',
      path: ['name'],
    });
    const conflict = new LightyearApiError({ code: 'conflict', message: 'already exists', status: 409 });
    const mapped = toResourceError(conflict, 'Creating the firewall', schema) as ResourceError;
    expect(mapped).toMatchObject({ summary: 'Creating the firewall failed: conflict', path: undefined });
  });
});
