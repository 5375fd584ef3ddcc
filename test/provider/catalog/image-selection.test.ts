import type { Image } from '../../../src/api';
import { IMAGES } from '../../../src/cloud/catalog';
import { AmbiguousMatchError, NoMatchError } from '../../../src/provider/framework/lookup-errors';
import { imageById, newerFirst, newestImage } from '../../../src/provider/catalog/image-selection';

const image = (id: string, family = id.split('-')[0]!): Image => ({ id, family, name: id, arch: 'x86_64' });

describe('image selection', () => {
  it.each([
    ['ubuntu', 'ubuntu-24.04'],
    ['debian', 'debian-12'],
    ['rocky', 'rocky-9'],
  ])('the newest %s image of the catalog is %s', (family, id) => {
    expect(newestImage(IMAGES, family).id).toBe(id);
  });

  it('compares versions part by part as numbers, not as text', () => {
    const ids = (images: Image[]) => [...images].sort(newerFirst).map((i) => i.id);
    expect(ids([image('debian-9'), image('debian-12'), image('debian-10')])).toEqual([
      'debian-12',
      'debian-10',
      'debian-9',
    ]);
    expect(ids([image('ubuntu-22.04'), image('ubuntu-22.10'), image('ubuntu-24.04')])).toEqual([
      'ubuntu-24.04',
      'ubuntu-22.10',
      'ubuntu-22.04',
    ]);
    expect(ids([image('fedora-40'), image('fedora-40.1'), image('fedora-40-beta')])).toEqual([
      'fedora-40.1',
      'fedora-40',
      'fedora-40-beta',
    ]);
  });

  it('answers the same whatever the order of the list', () => {
    const list = [image('x-1', 'x'), image('x-2', 'x'), image('x-10', 'x')];
    expect(newestImage(list, 'x').id).toBe('x-10');
    expect(newestImage([...list].reverse(), 'x').id).toBe('x-10');
  });

  it('names the families there are when the family is unknown, on family', () => {
    let error: unknown;
    try {
      newestImage(IMAGES, 'archlinux');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoMatchError);
    expect(error).not.toBeInstanceOf(AmbiguousMatchError);
    expect(error).toMatchObject({
      path: ['family'],
      detail: 'There is no image family "archlinux". Families: almalinux, debian, fedora, rocky, ubuntu.',
    });
  });

  it('finds an image by id, or names the images of its family', () => {
    expect(imageById(IMAGES, 'debian-11').name).toBe('Debian 11 x64 (bullseye)');
    expect(() => imageById(IMAGES, 'ubuntu-18.04')).toThrow(
      'There is no image "ubuntu-18.04". Images of the ubuntu family: ubuntu-22.04, ubuntu-24.04.',
    );
    expect(() => imageById(IMAGES, 'windows')).toThrow('Images: almalinux-9, debian-11');
  });
});
