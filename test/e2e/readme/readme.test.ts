/**
 * README.md's "In your own project" runs as written: its blocks, in order, in a fresh project outside the
 * clone. Shell blocks run in one `sh -e` session from the project directory (so `cd`, `eval` and exports carry
 * over, and any failing command fails the test); `file=PATH` blocks are written to PATH at their place in the
 * order, and the text before each must name that path, so a reader knows where it goes. The resource examples
 * will grow: nothing here knows what the blocks contain, only what they must achieve together.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createProjectEnvironment,
  ROOT,
  runScript,
  type ProjectEnvironment,
} from '../package/packed-project';
import { codeBlocks, section, writeFileScript, type CodeBlock } from './readme-blocks';

// npm pack (a build) and npm install from the tarball, then terraform and cdktf: minutes on a busy machine.
jest.setTimeout(1_500_000);

const SECTION = 'In your own project';
const blocks = codeBlocks(section(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), SECTION));

let project: ProjectEnvironment;

beforeAll(async () => {
  project = await createProjectEnvironment('lightyear-readme-');
});

afterAll(() => {
  project.dispose();
});

function isClone(block: CodeBlock): boolean {
  return block.attributes.cwd === 'clone';
}

describe(`README.md, "${SECTION}"`, () => {
  it('has shell blocks and files to run', () => {
    expect(blocks.filter((b) => b.language === 'sh').length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter((b) => b.attributes.file !== undefined).length).toBeGreaterThanOrEqual(2);
  });

  it('says where each file goes, in the text before it', () => {
    for (const block of blocks.filter((b) => b.attributes.file !== undefined)) {
      expect(block.before).toContain(`\`${block.attributes.file}\``);
    }
  });

  it('runs as written in a fresh project', async () => {
    // The clone's steps (building the package) come first; the rest is one session in the project.
    const firstProjectBlock = blocks.findIndex((b) => !isClone(b));
    expect(blocks.slice(firstProjectBlock).some(isClone)).toBe(false);
    for (const block of blocks.slice(0, firstProjectBlock).filter((b) => b.language === 'sh')) {
      const result = await runScript(block.body, ROOT, project.env, 600_000);
      if (result.code !== 0) {
        throw new Error(
          `README block run in the clone failed (exit code ${result.code}):\n${block.body}\n${result.stderr.slice(-4000)}`,
        );
      }
    }

    const script = blocks
      .slice(firstProjectBlock)
      .map((block, i) => {
        const marker = `echo '--- README block ${i + 1}' >&2`;
        if (block.attributes.file !== undefined) {
          return `${marker}\n${writeFileScript(block.attributes.file, block.body)}`;
        }
        return block.language === 'sh' ? `${marker}\n${block.body}` : '';
      })
      .join('\n');
    const result = await runScript(
      script,
      project.projectDir,
      {
        ...project.env,
        README_PROJECT: project.projectDir,
      },
      1_200_000,
    );
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.code !== 0) {
      // The tail says which block failed and how; the API key of this throwaway cloud is no secret.
      throw new Error(`README blocks failed with exit code ${result.code}:\n${output.slice(-6000)}`);
    }
    // What the blocks set out to do, whatever resources they grow to: applied, then nothing left to change.
    expect(output).toMatch(/Apply complete! Resources: [1-9]\d* added/);
    expect(output).toContain('No changes.');
    expect(output).not.toContain('Incomplete lock file information');
    expect(output).not.toMatch(/registry\.terraform\.io\/lightyear\/lightyear.*(404|not found)/i);
    // The session stopped the cloud it started.
    expect(fs.existsSync(path.join(project.projectDir, '.lightyear', 'cloud.json'))).toBe(false);
  });
});
