/**
 * The committed CDKTF bindings are what cdktf's provider generator makes of the built provider today: the
 * real terraform reads the schema from the provider installed in a temporary mirror, as `npm run generate`
 * does. Needs `npm run build` first, like every e2e test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageInfo } from '../../../src/cli/package-root';
import { BINDINGS_DIR } from '../../../src/codegen/cdktf-output';
import { generatedBindingFiles } from '../../../src/codegen/generate';

const root = path.resolve(__dirname, '..', '..', '..');

function committedFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? committedFiles(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
    );
}

describe('CDKTF bindings generated from the provider', () => {
  let files: Record<string, string>;

  beforeAll(async () => {
    files = await generatedBindingFiles();
  });

  it('match the committed constructs/generated file for file (run `npm run generate` if not)', () => {
    expect(committedFiles(BINDINGS_DIR).sort()).toEqual(Object.keys(files).sort());
    for (const [file, content] of Object.entries(files)) {
      expect({ file, content: fs.readFileSync(path.join(root, file), 'utf8') }).toEqual({ file, content });
    }
  });

  it('carry the surface of a prebuilt cdktf provider package and no registry links', () => {
    const sshKey = files[`${BINDINGS_DIR}/ssh-key/index.ts`]!;
    expect(sshKey).toContain('export class SshKey extends cdktf.TerraformResource');
    expect(sshKey).toContain('public static generateConfigForImport(');
    // The exact version pinned in required_providers, so the stack gets the provider the mirror holds.
    expect(sshKey).toContain(`providerVersion: '${packageInfo().version}'`);
    expect(Object.values(files).join('\n')).not.toContain('registry.terraform.io');
  });
});
