import type { Image } from '../../api';
import { NoMatchError } from '../framework/lookup-errors';
import { listed } from './listing-words';

/** The image with this (canonical, lower-case) id, or an error on `id` listing the images there are. */
export function imageById(images: readonly Image[], id: string): Image {
  const image = images.find((i) => i.id === id);
  if (image === undefined) {
    const family = images.filter((i) => id.startsWith(`${i.family}-`));
    const nearby = family.length > 0 ? family : images;
    throw new NoMatchError(
      'No such image',
      `There is no image "${id}". ${family.length > 0 ? `Images of the ${family[0]!.family} family` : 'Images'}: ${listed(nearby.map((i) => i.id))}.`,
      ['id'],
    );
  }
  return image;
}

/**
 * The version an image id carries after its family: `ubuntu-24.04` → [24, 4], `debian-12` → [12]. The catalog
 * has no release dates; every id is `<family>-<version>`, so "newest" is the highest version.
 */
function versionOf(image: Image): (number | string)[] {
  const prefix = `${image.family}-`;
  const version = image.id.startsWith(prefix) ? image.id.slice(prefix.length) : image.id;
  return version.split(/[.\-_]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Newer first. Version parts are compared in order: numbers numerically (`22.10` after `22.04`, `12` after
 * `9`), words alphabetically, a number after a word. When one version is the other plus more parts, an extra
 * number is newer (`12.1` after `12`) and an extra word older (`24.04-beta` before `24.04`, a pre-release).
 * Equal versions fall back to the id, so the answer never depends on the order the API lists images in.
 */
export function newerFirst(a: Image, b: Image): number {
  const va = versionOf(a);
  const vb = versionOf(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const pa = va[i];
    const pb = vb[i];
    if (pa === pb) continue;
    if (pa === undefined) return typeof pb === 'number' ? 1 : -1;
    if (pb === undefined) return typeof pa === 'number' ? -1 : 1;
    if (typeof pa === 'number' && typeof pb === 'number') return pb - pa;
    if (typeof pa === 'number') return -1;
    if (typeof pb === 'number') return 1;
    return pa < pb ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The newest image of a (canonical, lower-case) family, or an error on `family` listing the families. */
export function newestImage(images: readonly Image[], family: string): Image {
  const members = images.filter((i) => i.family === family).sort(newerFirst);
  const newest = members[0];
  if (newest === undefined) {
    const families = [...new Set(images.map((i) => i.family))].sort();
    throw new NoMatchError(
      'No such image family',
      `There is no image family "${family}". Families: ${listed(families)}.`,
      ['family'],
    );
  }
  return newest;
}
