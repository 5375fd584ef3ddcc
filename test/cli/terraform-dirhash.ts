import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Terraform's `h1:` package hash (Go's golang.org/x/mod/sumdb/dirhash Hash1 over the package directory),
 * written independently of the code under test: SHA-256 over the lines "<sha256 hex>  <relative path>\n" of
 * every file, sorted bytewise by path, then standard base64.
 */
export function terraformH1Hash(packageDir: string): string {
  const files = listFiles(packageDir, '').sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const summary = createHash('sha256');
  for (const file of files) {
    const fileHash = createHash('sha256')
      .update(fs.readFileSync(path.join(packageDir, file)))
      .digest('hex');
    summary.update(`${fileHash}  ${file}\n`);
  }
  return `h1:${summary.digest('base64')}`;
}

function listFiles(root: string, relative: string): string[] {
  return fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    return entry.isDirectory() ? listFiles(root, child) : [child];
  });
}
