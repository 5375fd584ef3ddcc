import type { CreateSshKeyRequest, ListSshKeysQuery, SshKey, UpdateSshKeyRequest } from '../../api';
import { sshKeyListSchema, sshKeyResponseSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { UpdatableCollection, paged, unwrapped } from './collection';

/** Filters and ordering of an SSH key listing; `cursor` and `per_page` page through it. */
export type SshKeyListQuery = ListQuery<ListSshKeysQuery>;

/**
 * `/ssh-keys`: the public keys an account installs on new instances. A create is 400 `invalid_request` on
 * `public_key` for anything but an OpenSSH public key, 409 for a key already stored; only the name changes.
 */
export type SshKeys = UpdatableCollection<SshKey, CreateSshKeyRequest, UpdateSshKeyRequest, SshKeyListQuery>;

export function sshKeys(api: ApiRequester): SshKeys {
  const one = unwrapped(sshKeyResponseSchema, 'ssh_key');
  return new UpdatableCollection(api, {
    path: '/ssh-keys',
    idName: 'ssh key id',
    one,
    created: one,
    page: paged(sshKeyListSchema, 'ssh_keys'),
  });
}
