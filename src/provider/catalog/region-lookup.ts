import type { Region } from '../../api';
import { NoMatchError } from '../framework/lookup-errors';
import { listed } from './listing-words';

/** The region with this (canonical, lower-case) id, or an error on `id` listing the regions there are. */
export function regionById(regions: readonly Region[], id: string): Region {
  const region = regions.find((r) => r.id === id);
  if (region === undefined) {
    throw new NoMatchError(
      'No such region',
      `There is no region "${id}". Regions: ${listed(regions.map((r) => r.id))}.`,
      ['id'],
    );
  }
  return region;
}
