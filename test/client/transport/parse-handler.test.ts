import { LightyearClient } from '../../../src/client/client';
import { LightyearApiError, LightyearInvalidResponseError } from '../../../src/client/errors';
import type { ScriptedServer, Step } from '../helpers/scripted-server';
import { SSH_KEY, apiError, reply, startScriptedServer } from '../helpers/scripted-server';

let server: ScriptedServer;
let client: LightyearClient;

async function setUp(steps: Step[]) {
  server = await startScriptedServer(steps);
  client = new LightyearClient({ apiKey: 'ly_test_key', endpoint: server.url, maxRetries: 0 });
}

afterEach(async () => {
  await client.close();
  await server.close();
});

const createKey = () => client.sshKeys.create({ name: 'laptop', public_key: 'not a key' });

describe('interpreting answers', () => {
  it('turns a field error envelope into a LightyearApiError naming the field', async () => {
    await setUp([
      apiError(400, 'invalid_request', 'public_key is not an OpenSSH public key', {
        field: 'public_key',
        reason: 'must start with ssh-ed25519, ssh-rsa or ecdsa-sha2-*',
      }),
    ]);
    const failure = await createKey().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearApiError);
    const error = failure as LightyearApiError;
    expect(error).toMatchObject({
      code: 'invalid_request',
      status: 400,
      field: 'public_key',
      reason: 'must start with ssh-ed25519, ssh-rsa or ecdsa-sha2-*',
      requestId: 'req_err1',
      apiMessage: 'public_key is not an OpenSSH public key',
      isInvalidRequest: true,
      isNotFound: false,
    });
    expect(error.message).toBe(
      'public_key is not an OpenSSH public key (invalid_request on public_key, HTTP 400, request req_err1)',
    );
  });

  it('answers the predicates for a 404 and a 409', async () => {
    await setUp([apiError(404, 'not_found', 'no ssh key sshk_x'), apiError(409, 'conflict', 'key exists')]);
    const missing = await client.sshKeys.get('sshk_x').catch((err: unknown) => err);
    expect(missing).toMatchObject({ isNotFound: true, isConflict: false, field: undefined });
    const duplicate = await createKey().catch((err: unknown) => err);
    expect(duplicate).toMatchObject({ code: 'conflict', isConflict: true, isNotFound: false });
  });

  it('reads an error code this build does not know as an API error, not a broken response', async () => {
    await setUp([apiError(403, 'quota_exceeded', 'the account reached its instance quota')]);
    const failure = await client.sshKeys.get('sshk_x').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearApiError);
    expect(failure).toMatchObject({ code: 'quota_exceeded', status: 403, isForbidden: false });
  });

  it('keeps a multi-line server message on one line', async () => {
    await setUp([apiError(403, 'forbidden', 'missing permission\nssh_keys:write')]);
    await expect(client.sshKeys.get('sshk_x')).rejects.toThrow(
      'missing permission ssh_keys:write (forbidden, HTTP 403, request req_err1)',
    );
  });

  it('reports a success body that does not match the schema as invalid_response', async () => {
    await setUp([
      reply(200, { ssh_key: { ...SSH_KEY, fingerprint: 'MD5:aa:bb' } }, { 'x-request-id': 'req_bad' }),
    ]);
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearInvalidResponseError);
    expect(failure).toMatchObject({ code: 'invalid_response', status: 200, requestId: 'req_bad' });
    expect((failure as Error).message).toMatch(
      /^the answer to GET \/ssh-keys\/sshk_abc123 does not match the API contract: ssh_key\.fingerprint: .+ \(HTTP 200, request req_bad\)$/,
    );
  });

  it('reports a body that is not JSON as invalid_response', async () => {
    await setUp([reply(200, 'hello')]);
    await expect(client.sshKeys.get(SSH_KEY.id)).rejects.toThrow(/GET \/ssh-keys\/sshk_abc123 is not JSON/);
  });

  it('reports an error status without the error envelope as invalid_response with a snippet', async () => {
    await setUp([reply(404, '<html>nginx: not found</html>')]);
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'invalid_response', status: 404 });
    expect((failure as Error).message).toMatch(
      /GET \/ssh-keys\/sshk_abc123 failed with HTTP 404 and a body that is not a LightYear error: "<html>nginx: not found<\/html>"/,
    );
  });

  it('reports a redirect as invalid_response rather than following it', async () => {
    await setUp([reply(301, '', { location: 'https://elsewhere.test/' })]);
    await expect(client.sshKeys.get(SSH_KEY.id)).rejects.toMatchObject({
      code: 'invalid_response',
      status: 301,
    });
  });

  it('accepts a 204 without a body for a delete', async () => {
    await setUp([reply(204)]);
    await expect(client.sshKeys.delete(SSH_KEY.id)).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: '/v1/ssh-keys/sshk_abc123' });
  });
});
