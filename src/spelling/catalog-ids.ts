import { SpellingError, sameCanonical } from './errors';

/**
 * Catalog ids (regions `ams`, plans `vc2-1c-1gb`, images `ubuntu-24.04`, image families `ubuntu`) are lower-case
 * letters, digits, `.`, `-` and `_`. Nothing else can be meant by `"AMS"` or `" ams "` than `ams`, so any case
 * and surrounding blanks are accepted and read as the lower-case id.
 */
export class CatalogIdError extends SpellingError {
  readonly code = 'invalid_catalog_id';
}

const ALLOWED = /^[a-z0-9._-]+$/;

export function canonicalCatalogId(text: string): string {
  const id = text.trim().toLowerCase();
  if (id === '') throw new CatalogIdError('must not be empty');
  if (!ALLOWED.test(id)) {
    throw new CatalogIdError(
      'must hold only letters, digits, ".", "-" and "_"',
      'catalog ids look like "ams", "vc2-1c-1gb" or "ubuntu-24.04"',
    );
  }
  return id;
}

/** `"AMS"`, `" ams "` and `"ams"` are one region. */
export function sameCatalogId(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalCatalogId);
}
