import type { Page } from '../../../src/client/resources/pagination';
import { collect, iterateItems } from '../../../src/client/resources/pagination';

describe('iterateItems', () => {
  it('follows cursors until the last page and yields every item in order', async () => {
    const pages: Record<string, Page<number>> = {
      start: { items: [1, 2], total: 5, nextCursor: 'c2' },
      c2: { items: [3, 4], total: 5, nextCursor: 'c3' },
      c3: { items: [5], total: 5, nextCursor: null },
    };
    const asked: (string | undefined)[] = [];
    const items = await collect(
      iterateItems((cursor) => {
        asked.push(cursor);
        return Promise.resolve(pages[cursor ?? 'start']!);
      }),
    );
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
  });

  it('fetches lazily: breaking out early requests no further pages', async () => {
    let fetched = 0;
    for await (const item of iterateItems<number>(() => {
      fetched++;
      return Promise.resolve({ items: [1, 2], total: 100, nextCursor: `c${fetched}` });
    })) {
      if (item === 2) break;
    }
    expect(fetched).toBe(1);
  });

  it('stops with invalid_response when the API repeats a cursor instead of looping forever', async () => {
    const listing = iterateItems<number>(() => Promise.resolve({ items: [1], total: 9, nextCursor: 'same' }));
    await expect(collect(listing)).rejects.toMatchObject({
      code: 'invalid_response',
      message: 'the API returned the cursor "same" twice; stopping instead of looping',
    });
  });
});
