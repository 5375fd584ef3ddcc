import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeCacheDir, requireWithCodeCache } from '../../src/provider/code-cache';

/*
 * The provider compiles its API client through V8's code cache (src/provider/code-cache.ts). What must hold:
 * the module behaves as a require would; the second process reads back what the first wrote; an entry never
 * serves a different source; and a cache directory others can write is never read (its code would run as
 * the provider).
 */

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A module large enough that V8 writes a real entry, answering with `answer` and its own file name. */
function writeModule(name: string, answer: string): string {
  const file = path.join(scratch, name);
  const filler = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + 1; }`).join(
    '\n',
  );
  fs.writeFileSync(
    file,
    `${filler}\nexports.answer = ${JSON.stringify(answer)};\nexports.file = __filename;\nexports.dir = __dirname;\n` +
      `exports.os = require('node:os').platform();\nexports.sum = f7(2) + f199(1);\n`,
  );
  return file;
}

/** The background write happens on setImmediate. */
const afterWrite = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

test('the module runs as CommonJS with its own require, __filename and __dirname', () => {
  const file = writeModule('client.js', 'hello');
  const loaded = requireWithCodeCache<Record<string, unknown>>(file, path.join(scratch, 'cache'));
  expect(loaded.exports).toEqual({
    answer: 'hello',
    file,
    dir: scratch,
    os: os.platform(),
    sum: 2 * 7 + 1 + 199 + 1,
  });
});

test('the first load writes an entry that the next load compiles from', async () => {
  const file = writeModule('client.js', 'hello');
  const cache = path.join(scratch, 'cache');
  const first = requireWithCodeCache<{ answer: string }>(file, cache);
  expect(first.fromCache).toBe(false);
  first.saveCache();
  await afterWrite();
  const entries = fs.readdirSync(cache);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatch(/^client\.js-[0-9a-f]{32}\.v8$/);
  expect(fs.statSync(path.join(cache, entries[0]!)).mode & 0o777).toBe(0o600);

  const second = requireWithCodeCache<{ answer: string }>(file, cache);
  expect(second.fromCache).toBe(true);
  expect(second.exports.answer).toBe('hello');
});

test('a changed file of the same length never runs the old entry', async () => {
  const file = writeModule('client.js', 'aaaaa');
  const cache = path.join(scratch, 'cache');
  requireWithCodeCache(file, cache).saveCache();
  await afterWrite();
  // Same length: V8's own check (the source's length) would accept the old entry.
  writeModule('client.js', 'bbbbb');
  const changed = requireWithCodeCache<{ answer: string }>(file, cache);
  expect(changed.fromCache).toBe(false);
  expect(changed.exports.answer).toBe('bbbbb');
});

test('a cache directory others may write is neither read nor written', async () => {
  const file = writeModule('client.js', 'hello');
  const cache = path.join(scratch, 'cache');
  fs.mkdirSync(cache, { mode: 0o700 });
  fs.chmodSync(cache, 0o777);
  const loaded = requireWithCodeCache<{ answer: string }>(file, cache);
  loaded.saveCache();
  await afterWrite();
  expect(loaded.exports.answer).toBe('hello');
  expect(fs.readdirSync(cache)).toEqual([]);
});

test('older entries of the same file beyond the newest few are removed', async () => {
  const cache = path.join(scratch, 'cache');
  for (const answer of ['v1', 'v2', 'v3', 'v4', 'v5']) {
    requireWithCodeCache(writeModule('client.js', answer), cache).saveCache();
    await afterWrite();
  }
  expect(fs.readdirSync(cache)).toHaveLength(3);
});

test('the cache directory: LIGHTYEAR_CODE_CACHE_DIR (empty: none), XDG_CACHE_HOME, then ~/.cache', () => {
  expect(codeCacheDir({ LIGHTYEAR_CODE_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y', HOME: '/h' })).toBe('/x');
  expect(codeCacheDir({ LIGHTYEAR_CODE_CACHE_DIR: '', HOME: '/h' })).toBeUndefined();
  expect(codeCacheDir({ XDG_CACHE_HOME: '/y', HOME: '/h' })).toBe(path.join('/y', 'lightyear'));
  expect(codeCacheDir({ HOME: '/h' })).toBe(path.join('/h', '.cache', 'lightyear'));
});
