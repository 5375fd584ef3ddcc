import type { CatalogListQuery, Image, Plan, Region } from '../../api';
import { imageListSchema, planListSchema, regionListSchema } from '../../api';
import type { ApiRequester } from '../request-spec';
import type { ListQuery } from './collection';
import { Listing, paged } from './collection';

/** The catalog lists take only `per_page` and `cursor`: short, fixed lists in a fixed order. */
export type CatalogQuery = ListQuery<CatalogListQuery>;

/** `/regions`, by id. */
export type Regions = Listing<Region, CatalogQuery>;
/** `/plans`, by price. */
export type Plans = Listing<Plan, CatalogQuery>;
/** `/images`, by id. */
export type Images = Listing<Image, CatalogQuery>;

export function regions(api: ApiRequester): Regions {
  return new Listing(api, { path: '/regions', page: paged(regionListSchema, 'regions') });
}

export function plans(api: ApiRequester): Plans {
  return new Listing(api, { path: '/plans', page: paged(planListSchema, 'plans') });
}

export function images(api: ApiRequester): Images {
  return new Listing(api, { path: '/images', page: paged(imageListSchema, 'images') });
}
