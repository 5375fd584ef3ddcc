import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../src/cloud';
import { TLS_KEY_FILE_NAME } from '../../src/cloud/tls';

// What the local cloud itself writes into its data directory: private, and never through a planted link.
let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(tmpdir(), 'ly-data-dir-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

const modeOf = (file: string) => (fs.lstatSync(file).mode & 0o777).toString(8);

describe('files the local cloud writes', () => {
  it('never follows a link planted at a predictable temporary name of the key or the TLS key', async () => {
    const dataDir = path.join(scratch, 'data');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const outside = path.join(scratch, 'outside');
    fs.writeFileSync(outside, 'untouched');
    for (const name of ['bootstrap-key', TLS_KEY_FILE_NAME, 'tls-cert.pem']) {
      fs.symlinkSync(outside, path.join(dataDir, `${name}.${process.pid}.tmp`));
    }
    const cloud = await startLocalCloud({ dataDir, tls: true });
    await cloud.close();
    expect(fs.readFileSync(outside, 'utf8')).toBe('untouched');
    for (const name of ['bootstrap-key', TLS_KEY_FILE_NAME, 'tls-cert.pem']) {
      expect({ name, mode: modeOf(path.join(dataDir, name)) }).toEqual({ name, mode: '600' });
    }
  });

  it('tightens a data directory others can read when the cloud starts, and logs it', async () => {
    const dataDir = path.join(scratch, 'data');
    fs.mkdirSync(dataDir);
    fs.chmodSync(dataDir, 0o755);
    const lines: string[] = [];
    const cloud = await startLocalCloud({ dataDir, log: (line) => lines.push(line) });
    await cloud.close();
    expect(modeOf(dataDir)).toBe('700');
    expect(lines.join('\n')).toMatch(/was open to other users/);
  });
});
