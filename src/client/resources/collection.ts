import type { z } from 'zod';
import type { listMetaSchema } from '../../api';
import { pathSegment } from '../path-segment';
import type { ApiRequester, CallOptions } from '../request-spec';
import type { QueryValue } from '../transport/types';
import type { Page } from './pagination';
import { collect, iterateItems, toPage } from './pagination';

/*
 * One generic implementation of what every resource kind of the API shares: a list paged by cursor, and for
 * kinds with ids create/get/delete (and update where the API allows it). A kind is a spec (its path and its
 * answer schemas from src/api) plus, where it has them, hand-written actions in its own file.
 */

/**
 * A list query as callers write it: the API's own query type with `per_page` as a number (the wire also takes
 * it as a string, which a typed caller has no reason to send).
 */
export type ListQuery<Q> = Omit<Q, 'per_page'> & { per_page?: number };

/** What every list query may hold: the values a query string can carry. */
export type QueryShape = Readonly<Record<string, QueryValue>>;

/** Options of a call that POSTs (a create, an action): `idempotencyKey` makes it repeatable across processes. */
export interface PostOptions extends CallOptions {
  /** By default a fresh key per call, reused on each of its retries. */
  idempotencyKey?: string;
}

/** `{"ssh_key": {...}}` read as the object inside it: every single-object answer is wrapped in its kind's name. */
export function unwrapped<S extends z.ZodType<Record<K, unknown>>, K extends string>(
  answer: S,
  key: K,
): z.ZodType<z.output<S>[K]> {
  return answer.transform((body) => body[key]);
}

/** A list answer (`{"ssh_keys": [...], "meta": {...}}`) read as a `Page`. */
export function paged<T, K extends string>(
  answer: z.ZodType<Record<K, T[]> & { meta: z.output<typeof listMetaSchema> }>,
  key: K,
): z.ZodType<Page<T>> {
  return answer.transform((body) => toPage(body[key], body.meta));
}

export interface ListingSpec<Item> {
  /** The list's path relative to the endpoint, any ids in it already encoded: `/ssh-keys`. */
  path: string;
  /** The list answer, read as a page (see `paged`). */
  page: z.ZodType<Page<Item>>;
}

/** A read-only list: one page at a time, or every item across pages. The catalog is only this. */
export class Listing<Item, Query extends QueryShape> {
  constructor(
    protected readonly api: ApiRequester,
    protected readonly listing: ListingSpec<Item>,
  ) {}

  // Every operation is async so that an argument refused before sending (an empty id) is a rejection like
  // any other failure, never a synchronous throw from what callers treat as a promise.

  /** One page; `query.cursor` (from `nextCursor`) picks which. Only the query fields given are sent. */
  async list(query?: Query, options?: CallOptions): Promise<Page<Item>> {
    return this.api.request(
      { method: 'GET', path: this.listing.path, query: query ?? {}, response: this.listing.page },
      options,
    );
  }

  /** Every item matching the query, fetching the next page only when the loop gets to it. */
  iterate(query?: Omit<Query, 'cursor'>, options?: CallOptions): AsyncGenerator<Item, void, undefined> {
    // The spread puts a cursor into a query without one; the type system cannot see that Query takes it back.
    return iterateItems((cursor) => this.list({ ...query, cursor } as unknown as Query, options));
  }

  /** Every item matching the query, in one array. */
  listAll(query?: Omit<Query, 'cursor'>, options?: CallOptions): Promise<Item[]> {
    return collect(this.iterate(query, options));
  }
}

export interface CollectionSpec<Item, Created> extends ListingSpec<Item> {
  /** What an id (or name) is called in an argument error: `ssh key id`. */
  idName: string;
  /** The answer carrying one object, read as that object (see `unwrapped`). */
  one: z.ZodType<Item>;
  /** What a create answers; the object itself unless the answer carries more (a secret shown only then). */
  created: z.ZodType<Created>;
}

/**
 * A kind with ids: create, get, delete and the list. `Created` is what a create answers, the object itself for
 * every kind but those whose secret is shown once (`{api_key, secret}`, `{webhook, secret}`).
 */
export class Collection<Item, Create, Query extends QueryShape, Created = Item> extends Listing<Item, Query> {
  constructor(
    api: ApiRequester,
    protected readonly spec: CollectionSpec<Item, Created>,
  ) {
    super(api, spec);
  }

  /** POST with an `Idempotency-Key`: a create retried after a lost answer never makes a second object. */
  async create(input: Create, options: PostOptions = {}): Promise<Created> {
    const { idempotencyKey, ...call } = options;
    return this.api.request(
      { method: 'POST', path: this.spec.path, body: input, response: this.spec.created, idempotencyKey },
      call,
    );
  }

  /** 404 `not_found` (see `isNotFoundError`) when there is no such object. */
  async get(id: string, options?: CallOptions): Promise<Item> {
    return this.api.request({ method: 'GET', path: this.itemPath(id), response: this.spec.one }, options);
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    return this.api.request({ method: 'DELETE', path: this.itemPath(id) }, options);
  }

  /** `/ssh-keys/sshk_1`: the id checked and encoded, so an empty one never addresses the whole list. */
  protected itemPath(id: string): string {
    return `${this.spec.path}/${pathSegment(id, this.spec.idName)}`;
  }

  /** `POST <item>/<action>` answering the object, as the instance and volume actions do. */
  protected async action(
    id: string,
    action: string,
    body: unknown,
    options: PostOptions = {},
  ): Promise<Item> {
    const { idempotencyKey, ...call } = options;
    return this.api.request(
      {
        method: 'POST',
        path: `${this.itemPath(id)}/${action}`,
        body,
        response: this.spec.one,
        idempotencyKey,
      },
      call,
    );
  }
}

/** A kind whose objects change in place: `PATCH` with the fields to change. */
export class UpdatableCollection<
  Item,
  Create,
  Update,
  Query extends QueryShape,
  Created = Item,
> extends Collection<Item, Create, Query, Created> {
  /** Only the fields given change. */
  async update(id: string, input: Update, options?: CallOptions): Promise<Item> {
    return this.api.request(
      { method: 'PATCH', path: this.itemPath(id), body: input, response: this.spec.one },
      options,
    );
  }
}
