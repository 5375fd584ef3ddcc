import fs from 'node:fs';
import path from 'node:path';
import { generatedDocFiles } from '../../src/codegen/generate';

const root = path.resolve(__dirname, '..', '..');

// The CDKTF bindings need terraform and the built provider: their check is test/e2e/codegen.
describe('reference docs and OpenAPI document generated from the schemas', () => {
  const files = generatedDocFiles();

  it.each(Object.keys(files))('%s matches the schema (run `npm run generate` if not)', (file) => {
    const committed = fs.readFileSync(path.join(root, file), 'utf8');
    expect(committed).toBe(files[file]);
  });

  it.each(['resources', 'data-sources'])('leaves no stale reference page behind in %s', (kind) => {
    const dir = `docs/reference/${kind}`;
    const onDisk = fs.existsSync(path.join(root, dir))
      ? fs.readdirSync(path.join(root, dir)).map((f) => `${dir}/${f}`)
      : [];
    expect(onDisk.sort()).toEqual(
      Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`))
        .sort(),
    );
  });
});
