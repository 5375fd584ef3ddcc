import { listReply } from '../http/list-reply';
import {
  createSshKeyRequestSchema,
  listSshKeysQuerySchema,
  sshKeyListSchema,
  sshKeyResponseSchema,
  updateSshKeyRequestSchema,
  type SshKey,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import { SshPublicKeyError, parseOpenSshPublicKey } from '../../spelling/ssh-public-key';
import { DuplicateSshKeyError, type SshKeyStore } from '../store/ssh-keys';

const COLLECTION = '/v1/ssh-keys';
const ITEM = '/v1/ssh-keys/:id';

/** `/v1/ssh-keys`: create, list, read, rename and delete SSH public keys. */
export function sshKeyRoutes({ store, clock }: CloudContext): Route[] {
  const sshKeys: SshKeyStore = store.sshKeys;
  const found = (id: string, key: SshKey | undefined): SshKey => {
    if (key === undefined)
      throw new NotFoundError(`There is no SSH key with id ${id}.`, { resource: 'ssh_key', id });
    return key;
  };

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Register an SSH public key',
        body: createSshKeyRequestSchema,
        status: 201,
        response: sshKeyResponseSchema,
      },
      permission: 'ssh_keys:write',
      handler: ({ body }) => {
        const request = parseBody(createSshKeyRequestSchema, body);
        const parsed = parsePublicKey(request.public_key);
        const key: SshKey = {
          id: newId('sshKey'),
          name: request.name,
          public_key: parsed.normalized,
          fingerprint: parsed.fingerprint,
          created_at: clock.nowIso(),
        };
        try {
          sshKeys.insert(key);
        } catch (error) {
          if (!(error instanceof DuplicateSshKeyError)) throw error;
          throw new ConflictError(`This public key is already registered as SSH key ${error.existingId}.`, {
            field: 'public_key',
            reason: `is already registered as SSH key ${error.existingId}`,
            existing_id: error.existingId,
          });
        }
        return { status: 201, body: { ssh_key: key }, headers: { Location: `${COLLECTION}/${key.id}` } };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List SSH keys',
        query: listSshKeysQuerySchema,
        status: 200,
        response: sshKeyListSchema,
      },
      permission: 'ssh_keys:read',
      handler: ({ query }): Reply => {
        const { per_page, cursor, order, sort, name } = parseQuery(listSshKeysQuerySchema, query);
        return listReply('ssh_keys', () => sshKeys.list({ sort, order, perPage: per_page, name, cursor }));
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get an SSH key', status: 200, response: sshKeyResponseSchema },
      permission: 'ssh_keys:read',
      handler: ({ params }) => {
        const id = params.id as string;
        return { status: 200, body: { ssh_key: found(id, sshKeys.get(id)) } };
      },
    },
    {
      method: 'PATCH',
      path: ITEM,
      describe: {
        summary: 'Rename an SSH key',
        body: updateSshKeyRequestSchema,
        status: 200,
        response: sshKeyResponseSchema,
      },
      permission: 'ssh_keys:write',
      handler: ({ params, body }) => {
        const id = params.id as string;
        const { name } = parseBody(updateSshKeyRequestSchema, body);
        return { status: 200, body: { ssh_key: found(id, sshKeys.rename(id, name)) } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete an SSH key', status: 204 },
      permission: 'ssh_keys:write',
      handler: ({ params }) => {
        const id = params.id as string;
        if (!sshKeys.delete(id)) found(id, undefined);
        return { status: 204 };
      },
    },
  ];
}

function parsePublicKey(text: string) {
  try {
    return parseOpenSshPublicKey(text);
  } catch (error) {
    if (error instanceof SshPublicKeyError) throw InvalidRequestError.forField('public_key', error.message);
    throw error;
  }
}
