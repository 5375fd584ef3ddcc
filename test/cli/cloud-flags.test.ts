import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DURATIONS, INSTANT_DURATIONS, TLS_CERT_FILE_NAME } from '../../src/cloud';
import { cloudFlagArgs, parseCloudFlags } from '../../src/cli/cloud-flags';
import { UsageError } from '../../src/cli/errors';
import { readCloudInfoFile } from '../../src/cli/local-cloud-info';
import { serveLocalCloud } from '../../src/cli/local-cloud';

describe('parseCloudFlags', () => {
  it('asks for nothing without flags, so the cloud keeps its defaults', () => {
    expect(parseCloudFlags({})).toEqual({});
  });

  it('takes a rate limit, 0 meaning none', () => {
    expect(parseCloudFlags({ 'rate-limit': '120' })).toEqual({ rateLimitPerMinute: 120 });
    expect(parseCloudFlags({ 'rate-limit': '0' })).toEqual({ rateLimitPerMinute: 0 });
  });

  it('scales the demo lifecycle, or makes it instant', () => {
    expect(parseCloudFlags({ 'lifecycle-speed': '10' }).lifecycle).toEqual({
      provisionMs: DEMO_DURATIONS.provisionMs / 10,
      resizeMs: DEMO_DURATIONS.resizeMs / 10,
      powerMs: DEMO_DURATIONS.powerMs / 10,
      blockMs: DEMO_DURATIONS.blockMs / 10,
      snapshotMs: DEMO_DURATIONS.snapshotMs / 10,
    });
    expect(parseCloudFlags({ 'lifecycle-speed': '0.5' }).lifecycle?.provisionMs).toBe(
      DEMO_DURATIONS.provisionMs * 2,
    );
    expect(parseCloudFlags({ lifecycle: 'instant' }).lifecycle).toEqual(INSTANT_DURATIONS);
    expect(parseCloudFlags({ lifecycle: 'demo' })).toEqual({});
    expect(parseCloudFlags({ tls: true })).toEqual({ tls: true });
  });

  it.each([
    [{ 'rate-limit': '-1' }, /--rate-limit must be a whole number/],
    [{ 'rate-limit': '1.5' }, /--rate-limit must be a whole number/],
    [{ 'rate-limit': 'many' }, /--rate-limit must be a whole number/],
    [{ lifecycle: 'fast' }, /--lifecycle must be demo or instant, not 'fast'/],
    [{ 'lifecycle-speed': '0' }, /--lifecycle-speed must be a number above 0/],
    [{ 'lifecycle-speed': '1e3' }, /--lifecycle-speed must be a number above 0/],
    [{ 'lifecycle-speed': 'x' }, /--lifecycle-speed must be a number above 0/],
    [{ lifecycle: 'instant', 'lifecycle-speed': '2' }, /no effect with --lifecycle instant/],
  ])('refuses %j as a usage error', (flags, message) => {
    let thrown: unknown;
    try {
      parseCloudFlags(flags);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toMatchObject({ code: 'invalid_option_value', exitCode: 2 });
    expect((thrown as Error).message).toMatch(message);
  });

  it('writes the flags back as `local serve` arguments', () => {
    const flags = { 'rate-limit': '5', lifecycle: 'demo', 'lifecycle-speed': '3', tls: true };
    expect(cloudFlagArgs(flags)).toEqual([
      '--rate-limit',
      '5',
      '--lifecycle',
      'demo',
      '--lifecycle-speed',
      '3',
      '--tls',
    ]);
    expect(cloudFlagArgs({ tls: false })).toEqual([]);
  });

  it('passes --allow-private-webhooks through to the cloud option and back to `local serve`', () => {
    expect(parseCloudFlags({ 'allow-private-webhooks': true })).toEqual({ allowPrivateWebhookTargets: true });
    expect(parseCloudFlags({})).toEqual({});
    expect(cloudFlagArgs({ 'allow-private-webhooks': true })).toEqual(['--allow-private-webhooks']);
  });
});

describe('serveLocalCloud with the flags', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-flags-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves HTTPS and records the certificate in cloud.json for `local env`', async () => {
    const serving = await serveLocalCloud({
      dataDir,
      port: 0,
      cloud: parseCloudFlags({ tls: true, 'rate-limit': '7' }),
    });
    try {
      expect(serving.info.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(serving.info.tlsCertPath).toBe(path.join(dataDir, TLS_CERT_FILE_NAME));
      expect(readCloudInfoFile(dataDir)?.tlsCertPath).toBe(serving.info.tlsCertPath);
    } finally {
      await serving.close();
    }
  });

  it('records no certificate for plain HTTP', async () => {
    const serving = await serveLocalCloud({ dataDir, port: 0, cloud: parseCloudFlags({}) });
    try {
      expect(serving.info.url).toMatch(/^http:\/\//);
      expect(readCloudInfoFile(dataDir)).not.toHaveProperty('tlsCertPath');
    } finally {
      await serving.close();
    }
  });
});
