import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudStartError } from '../../src/cli/errors';
import { startBackgroundCloud } from '../../src/cli/local-cloud';

let scratch: string;
let failing: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-start-'));
  // A program in place of `lyctl local serve` that fails the way a broken start does: a line, then an exit.
  failing = path.join(scratch, 'failing-serve.js');
  fs.writeFileSync(failing, "process.stderr.write('cannot open the database\\n'); process.exit(3);\n");
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('startBackgroundCloud, when the cloud does not come up', () => {
  it('removes the data directory it created, parents included, and reports the log', async () => {
    const dataDir = path.join(scratch, 'project', '.lightyear');
    const started = startBackgroundCloud({ dataDir, port: 0, lyctlPath: failing });
    await expect(started).rejects.toThrow(CloudStartError);
    await expect(started).rejects.toThrow(/exited with code 3; last lines of .*cloud\.log:\n {2}cannot open/);
    expect(fs.readdirSync(scratch)).toEqual(['failing-serve.js']);
  });

  it('leaves a data directory that was there before', async () => {
    const dataDir = path.join(scratch, 'data');
    fs.mkdirSync(path.join(dataDir, 'providers'), { recursive: true });
    await expect(startBackgroundCloud({ dataDir, port: 0, lyctlPath: failing })).rejects.toThrow(
      CloudStartError,
    );
    expect(fs.existsSync(path.join(dataDir, 'providers'))).toBe(true);
  });
});
