import {
  catalogListQuerySchema,
  imageListSchema,
  planListSchema,
  regionListSchema,
  type ImageList,
  type PlanList,
  type RegionList,
} from '../../api';
import { IMAGES, PLANS, REGIONS } from '../catalog';
import type { CloudContext } from '../cloud-context';
import { InvalidRequestError } from '../errors';
import type { Route, RouteRequest } from '../http/router';
import { parseQuery } from '../http/validation';

/**
 * `/v1/regions`, `/v1/plans`, `/v1/images`: the read-only catalog. Any valid key may read it (no
 * permission). The lists are fixed, so a cursor is simply the id of the last item handed out.
 */
export function catalogRoutes(_cloud: CloudContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/regions',
      describe: {
        summary: 'List regions and their features',
        query: catalogListQuerySchema,
        status: 200,
        response: regionListSchema,
      },
      handler: (request) => {
        const page = pageOf('regions', REGIONS, request);
        const body: RegionList = { regions: page.items, meta: page.meta };
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      path: '/v1/plans',
      describe: {
        summary: 'List plans and the regions that offer them',
        query: catalogListQuerySchema,
        status: 200,
        response: planListSchema,
      },
      handler: (request) => {
        const page = pageOf('plans', PLANS, request);
        const body: PlanList = { plans: page.items, meta: page.meta };
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      path: '/v1/images',
      describe: {
        summary: 'List operating system images',
        query: catalogListQuerySchema,
        status: 200,
        response: imageListSchema,
      },
      handler: (request) => {
        const page = pageOf('images', IMAGES, request);
        const body: ImageList = { images: page.items, meta: page.meta };
        return { status: 200, body };
      },
    },
  ];
}

interface CatalogCursor {
  readonly v: 1;
  readonly list: string;
  /** Id of the last item of the previous page. */
  readonly after: string;
}

function pageOf<T extends { readonly id: string }>(
  list: string,
  items: readonly T[],
  { query }: RouteRequest,
): { items: T[]; meta: { total: number; next_cursor: string | null } } {
  const { per_page, cursor } = parseQuery(catalogListQuerySchema, query);
  const start = cursor === undefined ? 0 : positionAfter(list, items, cursor);
  const slice = items.slice(start, start + per_page);
  const last = slice.at(-1);
  const more = start + per_page < items.length;
  const next: CatalogCursor | undefined =
    more && last !== undefined ? { v: 1, list, after: last.id } : undefined;
  return {
    items: slice,
    meta: {
      total: items.length,
      next_cursor:
        next === undefined ? null : Buffer.from(JSON.stringify(next), 'utf8').toString('base64url'),
    },
  };
}

function positionAfter(list: string, items: readonly { readonly id: string }[], cursor: string): number {
  const refuse = () =>
    InvalidRequestError.forField(
      'cursor',
      'is not a cursor this API issued for this list; pass meta.next_cursor from the previous page',
    );
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const parsed = payload as Partial<CatalogCursor> | null;
  if (typeof parsed !== 'object' || parsed === null || parsed.v !== 1 || parsed.list !== list) throw refuse();
  const index = items.findIndex((item) => item.id === parsed.after);
  if (index < 0) throw refuse();
  return index + 1;
}
