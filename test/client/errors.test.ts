import { LightyearClient } from '../../src/client/client';
import {
  LightyearApiError,
  isBusyError,
  isResourceInUseError,
  type ApiErrorFields,
} from '../../src/client/errors';
import type { ScriptedServer } from './helpers/scripted-server';
import { apiError, startScriptedServer } from './helpers/scripted-server';

const apiErrorOf = (fields: Partial<ApiErrorFields>) =>
  new LightyearApiError({ code: 'conflict', message: 'm', status: 409, ...fields });

describe('LightyearApiError.fieldErrors', () => {
  it('lists every entry of details.errors, keeping field and reason as the first', () => {
    const err = apiErrorOf({
      code: 'invalid_request',
      status: 400,
      field: 'region',
      reason: 'is not a region',
      details: {
        field: 'region',
        reason: 'is not a region',
        errors: [
          { field: 'region', reason: 'is not a region' },
          { field: 'ssh_key_ids[1]', reason: 'does not name an SSH key' },
        ],
      },
    });
    expect(err.fieldErrors).toEqual([
      { field: 'region', reason: 'is not a region' },
      { field: 'ssh_key_ids[1]', reason: 'does not name an SSH key' },
    ]);
    expect([err.field, err.reason]).toEqual(['region', 'is not a region']);
    expect(err.toJSON()).toMatchObject({ fieldErrors: err.fieldErrors });
  });

  it('is the one field and reason when there is no list, and empty for an error not about fields', () => {
    const one = apiErrorOf({ code: 'invalid_request', status: 400, field: 'name', reason: 'is empty' });
    expect(one.fieldErrors).toEqual([{ field: 'name', reason: 'is empty' }]);
    expect(apiErrorOf({ details: { existing_id: 'sshk_1' } }).fieldErrors).toEqual([]);
    // A list that is not the contract's shape is not half-read.
    const odd = apiErrorOf({ field: 'a', reason: 'b', details: { errors: [{ field: 1 }] } });
    expect(odd.fieldErrors).toEqual([{ field: 'a', reason: 'b' }]);
  });
});

describe('isBusyError', () => {
  it('is true only for a conflict the API marked retryable', () => {
    expect(isBusyError(apiErrorOf({ details: { status: 'pending', retryable: true } }))).toBe(true);
    expect(apiErrorOf({ details: { retryable: true } }).isBusy).toBe(true);
    expect(isBusyError(apiErrorOf({ details: { existing_id: 'sshk_1' } }))).toBe(false);
    expect(isBusyError(apiErrorOf({}))).toBe(false);
    expect(isBusyError(apiErrorOf({ details: { retryable: 'yes' } }))).toBe(false);
    expect(isBusyError(apiErrorOf({ code: 'resource_in_use', details: { retryable: true } }))).toBe(false);
    expect(isBusyError(new Error('conflict'))).toBe(false);
  });
});

describe('isResourceInUseError and heldBy', () => {
  it('names what holds the resource when the API said so', () => {
    const inUse = apiErrorOf({
      code: 'resource_in_use',
      details: { resource: 'firewall', id: 'fw_1', instance_ids: ['inst_a'], held_by: ['inst_a'] },
    });
    expect(isResourceInUseError(inUse)).toBe(true);
    expect(inUse.heldBy).toEqual(['inst_a']);
    const unnamed = apiErrorOf({ code: 'resource_in_use' });
    expect(isResourceInUseError(unnamed)).toBe(true);
    expect(unnamed.heldBy).toBeUndefined();
    expect(isResourceInUseError(apiErrorOf({}))).toBe(false);
    expect(apiErrorOf({ details: { held_by: ['inst_a'] } }).heldBy).toBeUndefined();
  });
});

describe('field errors through the client', () => {
  let server: ScriptedServer;
  let client: LightyearClient;

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('reads every field error of the envelope, with the API key redacted from each', async () => {
    const apiKey = 'ly_secret_key_that_must_not_leak';
    server = await startScriptedServer([
      apiError(400, 'invalid_request', 'Invalid name: is empty (and 1 more problem).', {
        field: 'name',
        reason: 'is empty',
        errors: [
          { field: 'name', reason: 'is empty' },
          { field: 'public_key', reason: `is not a key: ${apiKey}` },
        ],
      }),
    ]);
    client = new LightyearClient({ apiKey, endpoint: server.url, maxRetries: 0 });
    const failure = await client.sshKeys.create({ name: '', public_key: 'x' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearApiError);
    const { fieldErrors } = failure as LightyearApiError;
    expect(fieldErrors.map((each) => each.field)).toEqual(['name', 'public_key']);
    expect(fieldErrors[1]!.reason).not.toContain(apiKey);
    expect(fieldErrors[1]!.reason).toMatch(/^is not a key: /);
  });
});
