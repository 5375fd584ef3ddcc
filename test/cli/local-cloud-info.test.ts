import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cloudInfoPath,
  isLocalCloudProcess,
  readBootstrapKey,
  readCloudInfoFile,
  readLocalCloudInfo,
  removeCloudInfoFile,
  writeCloudInfoFile,
  type LocalCloudInfo,
} from '../../src/cli/local-cloud-info';

let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-info-'));
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function info(pid: number): LocalCloudInfo {
  return {
    pid,
    port: 8787,
    url: 'http://127.0.0.1:8787/v1',
    origin: 'http://127.0.0.1:8787',
    dataDir,
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A process whose command line looks like `lyctl local serve` (argv after the script), idling. */
async function fakeServe(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'local', 'serve'], {
    stdio: 'ignore',
  });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid as number;
}

describe('cloud.json', () => {
  it('round-trips and is removed only by the process it names', () => {
    writeCloudInfoFile(info(123));
    expect(readCloudInfoFile(dataDir)).toEqual(info(123));
    removeCloudInfoFile(dataDir, 456);
    expect(fs.existsSync(cloudInfoPath(dataDir))).toBe(true);
    removeCloudInfoFile(dataDir, 123);
    expect(fs.existsSync(cloudInfoPath(dataDir))).toBe(false);
  });

  it('reads a missing, truncated or malformed record as no record', () => {
    expect(readCloudInfoFile(dataDir)).toBeUndefined();
    fs.writeFileSync(cloudInfoPath(dataDir), '{"pid": 1');
    expect(readCloudInfoFile(dataDir)).toBeUndefined();
    fs.writeFileSync(cloudInfoPath(dataDir), JSON.stringify({ ...info(1), pid: '1' }));
    expect(readCloudInfoFile(dataDir)).toBeUndefined();
  });
});

describe('readLocalCloudInfo', () => {
  it('returns the record while its lyctl local serve process runs', async () => {
    const pid = await fakeServe();
    writeCloudInfoFile(info(pid));
    expect(isLocalCloudProcess(pid)).toBe(true);
    expect(readLocalCloudInfo(dataDir)).toEqual(info(pid));
  });

  it('ignores a record whose process is gone', async () => {
    const child = spawn(process.execPath, ['-e', '', 'local', 'serve'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    writeCloudInfoFile(info(child.pid as number));
    expect(readLocalCloudInfo(dataDir)).toBeUndefined();
  });

  it('ignores a record whose pid now belongs to another program', () => {
    // This test process is alive but is not `lyctl local serve`: local stop must never signal it.
    writeCloudInfoFile(info(process.pid));
    expect(isLocalCloudProcess(process.pid)).toBe(false);
    expect(readLocalCloudInfo(dataDir)).toBeUndefined();
  });
});

describe('readBootstrapKey', () => {
  it('reads the key the cloud wrote, without its newline', () => {
    expect(readBootstrapKey(dataDir)).toBeUndefined();
    fs.writeFileSync(path.join(dataDir, 'bootstrap-key'), 'ly_abc\n', { mode: 0o600 });
    expect(readBootstrapKey(dataDir)).toBe('ly_abc');
  });
});

describe('cloud.json on disk', () => {
  it('is 0600 and never written through a link planted at its old temporary name', () => {
    const outside = path.join(dataDir, '..', `outside-${path.basename(dataDir)}`);
    fs.writeFileSync(outside, 'untouched');
    try {
      fs.symlinkSync(outside, `${cloudInfoPath(dataDir)}.${process.pid}.tmp`);
      writeCloudInfoFile(info(process.pid));
      expect(fs.statSync(cloudInfoPath(dataDir)).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(outside, 'utf8')).toBe('untouched');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });
});
