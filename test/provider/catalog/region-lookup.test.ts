import { REGIONS } from '../../../src/cloud/catalog';
import { regionById } from '../../../src/provider/catalog/region-lookup';
import { checkCatalogId, checkMinimum } from '../../../src/provider/catalog/rules';

describe('region look-up', () => {
  it('finds a region by its canonical id, or lists the regions on id', () => {
    expect(regionById(REGIONS, 'syd')).toMatchObject({ city: 'Sydney', features: [] });
    expect(() => regionById(REGIONS, 'mars')).toThrow(
      'There is no region "mars". Regions: ams, fra, lon, nyc, sfo, sgp, syd, tyo.',
    );
  });

  it('accepts any case at validate and refuses only what no catalog id holds', () => {
    expect(checkCatalogId('id')(' AMS ')).toBeUndefined();
    expect(checkCatalogId('region')('am s')).toBe(
      'region must hold only letters, digits, ".", "-" and "_"; catalog ids look like "ams", "vc2-1c-1gb" or "ubuntu-24.04"',
    );
    expect(checkMinimum('min_ram_mb')(0)).toBeUndefined();
    expect(checkMinimum('min_ram_mb')(-1)).toBe('min_ram_mb must be 0 or more (it is -1)');
    expect(checkMinimum('min_ram_mb')(BigInt(-2))).toBe('min_ram_mb must be 0 or more (it is -2)');
  });
});
