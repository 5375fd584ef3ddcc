import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from '../../src/codegen/generate';

const root = path.resolve(__dirname, '..', '..');

describe('files generated from the provider schema', () => {
  const files = generatedFiles();

  it.each(Object.keys(files))('%s matches the schema (run `npm run generate` if not)', (file) => {
    const committed = fs.readFileSync(path.join(root, file), 'utf8');
    expect(committed).toBe(files[file]);
  });

  it('leaves no stale generated binding behind', () => {
    const onDisk = fs
      .readdirSync(path.join(root, 'constructs/generated'))
      .map((f) => `constructs/generated/${f}`);
    expect(onDisk.sort()).toEqual(
      Object.keys(files)
        .filter((f) => f.startsWith('constructs/'))
        .sort(),
    );
  });
});
