import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { hostnameSchema, instanceTagSchema, userDataSchema } from '../../src/api';

/*
 * Every regex in the schemas sees request input, so none may backtrack its way into quadratic time (issue
 * 10, item 3). Each is timed on an input shaped to make a backtracking pattern stall against an ordinary
 * input of the same length: a ratio, so a slow or busy machine does not fail it.
 */

function msPerParse(schema: z.ZodType, text: string): number {
  let best = Infinity;
  for (let batch = 0; batch < 5; batch += 1) {
    const start = performance.now();
    for (let i = 0; i < 3; i += 1) schema.safeParse(text);
    best = Math.min(best, (performance.now() - start) / 3);
  }
  return best;
}

const SIZE = 64_000;

const CASES: [string, z.ZodType, string, string][] = [
  [
    'hostname: long labels, then a bad end',
    hostnameSchema,
    `${'a'.repeat(62)}.`.repeat(SIZE / 63) + '-',
    'a'.repeat(SIZE),
  ],
  ['hostname: hyphens, then a bad end', hostnameSchema, `a${'-'.repeat(SIZE)}!`, 'a'.repeat(SIZE + 2)],
  [
    'user_data: whole quads, then a bad end',
    userDataSchema,
    `${'AAAA'.repeat(SIZE / 4)}!`,
    'AAAA'.repeat(SIZE / 4),
  ],
  ['tag: long, then a bad end', instanceTagSchema, `a${'-'.repeat(SIZE)}!`, 'a'.repeat(SIZE + 2)],
];

describe.each(CASES)('%s', (_case, schema, hostile, normal) => {
  it('costs about what an ordinary input of the same length does', () => {
    msPerParse(schema, normal);
    const ratio = msPerParse(schema, hostile) / Math.max(msPerParse(schema, normal), 0.05);
    expect(ratio).toBeLessThan(20);
  });
});
