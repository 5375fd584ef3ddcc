import { InvalidRequestError } from '../errors';
import { InvalidCursorError, type Page } from '../store/pagination';
import type { Reply } from './context';

/**
 * A list endpoint's answer, `{ "<plural>": [...], "meta": { "total", "next_cursor" } }`, from one page the
 * store reads; a cursor the store cannot use (another query's, or tampered with) is a 400 on `cursor`.
 */
export function listReply<Row, Item = Row>(
  plural: string,
  readPage: () => Page<Row>,
  toItem?: (row: Row) => Item,
): Reply {
  let page: Page<Row>;
  try {
    page = readPage();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw InvalidRequestError.forField('cursor', error.reason);
    throw error;
  }
  const items = toItem === undefined ? page.rows : page.rows.map(toItem);
  return {
    status: 200,
    body: { [plural]: items, meta: { total: page.total, next_cursor: page.nextCursor } },
  };
}
