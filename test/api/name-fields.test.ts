import { nameFieldSchema } from '../../src/api';
import {
  NAME_LIMITS,
  NAME_MAX_LENGTH,
  canonicalName,
  nameProblem,
  type NameLimits,
} from '../../src/spelling/names';

/*
 * The API states its name limits declaratively (so the OpenAPI document shows them) and takes the control
 * character rule from src/spelling; the provider, constructs and lyctl call src/spelling directly. This
 * holds both to one verdict and one canonical form, so no client can accept what the API refuses.
 */
const SPELLINGS = [
  'laptop',
  '  laptop  ',
  'laptop\n',
  '\tmy laptop\r\n',
  '',
  '   ',
  'lap\u0000top',
  '\u001b[31mred',
  'a\u0085b',
  'a\u2028b',
  'x'.repeat(NAME_MAX_LENGTH),
  ` ${'x'.repeat(NAME_MAX_LENGTH)} `,
  'x'.repeat(NAME_MAX_LENGTH + 1),
  'Zürich – prod ☁',
];

const LIMITS: [string, NameLimits][] = [...Object.entries(NAME_LIMITS), ['a tight limit', { max: 5 }]];

describe.each(LIMITS)('nameFieldSchema and canonicalName for %s', (_field, limits) => {
  it.each(SPELLINGS.map((s) => [JSON.stringify(s).slice(0, 40), s]))('agree on %s', (_shown, text) => {
    const parsed = nameFieldSchema(limits).safeParse(text);
    const problem = nameProblem(text, limits);
    expect(parsed.success).toBe(problem === undefined);
    if (parsed.success) expect(parsed.data).toBe(canonicalName(text, limits));
  });
});
