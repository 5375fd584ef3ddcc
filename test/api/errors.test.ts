import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, errorCodeSchema } from '../../src/api';

const DOC = join(__dirname, '../../docs/local-cloud.md');

/** The rows of the error-code table: `| \`code\` | status | when |`. */
function documentedCodes(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const match of readFileSync(DOC, 'utf8').matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
    rows.set(match[1] as string, Number(match[2]));
  }
  return rows;
}

describe('ERROR_CODES', () => {
  it('every code is documented in docs/local-cloud.md with its HTTP status, and nothing else is', () => {
    expect(Object.fromEntries(documentedCodes())).toEqual(ERROR_CODES);
  });

  it('errorCodeSchema accepts exactly the codes of the table', () => {
    expect(errorCodeSchema.options.slice().sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
