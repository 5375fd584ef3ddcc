import type { CreateSshKeyRequest, ListSshKeysQuery, SshKey, UpdateSshKeyRequest } from '../../api';
import { sshKeyListSchema, sshKeyResponseSchema } from '../../api';
import { pathSegment } from '../path-segment';
import type { ApiRequester, CallOptions } from '../request-spec';
import type { Page } from './pagination';
import { collect, iterateItems, toPage } from './pagination';

/** Filters and ordering of an SSH key listing; `cursor` and `per_page` page through it. */
export type SshKeyListQuery = Omit<ListSshKeysQuery, 'per_page'> & { per_page?: number };

/** `/ssh-keys`: the public keys an account installs on new instances. */
export class SshKeys {
  constructor(private readonly api: ApiRequester) {}

  /** 400 `invalid_request` on `public_key` for anything but an OpenSSH public key; 409 for a key already stored. */
  async create(input: CreateSshKeyRequest, options?: CallOptions): Promise<SshKey> {
    const { ssh_key } = await this.api.request(
      { method: 'POST', path: '/ssh-keys', body: input, response: sshKeyResponseSchema },
      options,
    );
    return ssh_key;
  }

  async get(id: string, options?: CallOptions): Promise<SshKey> {
    const { ssh_key } = await this.api.request(
      { method: 'GET', path: `/ssh-keys/${pathSegment(id, 'ssh key id')}`, response: sshKeyResponseSchema },
      options,
    );
    return ssh_key;
  }

  /** Only the name changes: the key material is immutable. */
  async update(id: string, input: UpdateSshKeyRequest, options?: CallOptions): Promise<SshKey> {
    const { ssh_key } = await this.api.request(
      {
        method: 'PATCH',
        path: `/ssh-keys/${pathSegment(id, 'ssh key id')}`,
        body: input,
        response: sshKeyResponseSchema,
      },
      options,
    );
    return ssh_key;
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.api.request({ method: 'DELETE', path: `/ssh-keys/${pathSegment(id, 'ssh key id')}` }, options);
  }

  /** One page. */
  async list(query: SshKeyListQuery = {}, options?: CallOptions): Promise<Page<SshKey>> {
    const { ssh_keys, meta } = await this.api.request(
      { method: 'GET', path: '/ssh-keys', query, response: sshKeyListSchema },
      options,
    );
    return toPage(ssh_keys, meta);
  }

  /** Every key matching the query, page after page as the loop consumes them. */
  iterate(
    query: Omit<SshKeyListQuery, 'cursor'> = {},
    options?: CallOptions,
  ): AsyncGenerator<SshKey, void, undefined> {
    return iterateItems((cursor) => this.list({ ...query, cursor }, options));
  }

  /** Every key matching the query, in one array. */
  listAll(query: Omit<SshKeyListQuery, 'cursor'> = {}, options?: CallOptions): Promise<SshKey[]> {
    return collect(this.iterate(query, options));
  }
}
