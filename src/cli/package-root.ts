import fs from 'node:fs';
import path from 'node:path';

const PACKAGE_NAME = 'lightyear-iac';

export interface PackageInfo {
  /** The directory holding this package's package.json. */
  readonly root: string;
  readonly version: string;
}

/**
 * Finds this package's root by walking up from this file. The walk works the same from the sources
 * (`src/cli/`, under ts-jest) and from the bundle (`dist/lyctl.js`), and inside a consumer's node_modules.
 */
export function packageInfo(startDir: string = __dirname): PackageInfo {
  let dir = startDir;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
      if (parsed.name === PACKAGE_NAME && typeof parsed.version === 'string') {
        return { root: dir, version: parsed.version };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${startDir}`);
    }
    dir = parent;
  }
}

/** The built provider program, as `npm run build` writes it. */
export function providerBundlePath(root: string): string {
  return path.join(root, 'dist', 'terraform-provider-lightyear.js');
}

/** The built lyctl program, as `npm run build` writes it. */
export function lyctlBundlePath(root: string): string {
  return path.join(root, 'dist', 'lyctl.js');
}
