import fs from 'node:fs';
import path from 'node:path';
import { Testing } from 'cdktf';
// The matchers' types (a global augmentation of jest.Matchers); setupJest() below installs them.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { tf } from '../../../constructs';
import { dev, ENVIRONMENTS, prod, type EnvironmentConfig } from '../../../examples/gitops/environments';
import { LightyearStack } from '../../../examples/gitops/lightyear-stack';

Testing.setupJest();

const KEY_DIR = path.resolve(__dirname, '..', '..', '..', 'examples', 'gitops', 'keys');
// Stand-ins for what CI puts in the environment; none of them may reach the synthesized JSON.
const SECRETS = {
  PG_CONN_STR: 'postgres://terraform:pg-secret-0b1e@db.internal:5432/state?sslmode=require',
  LIGHTYEAR_API_KEY: 'ly_test_secret_5f2d0c9a',
  LIGHTYEAR_ENDPOINT: 'https://endpoint.invalid/v1',
};

interface Synthesized {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { lightyear: Record<string, unknown>[] };
  resource: { lightyear_ssh_key: Record<string, { name: string; public_key: string }> };
}

function synth(config: EnvironmentConfig): string {
  const app = Testing.app();
  return Testing.synth(new LightyearStack(app, config.name, config));
}

describe('examples/gitops stacks', () => {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [name, value] of Object.entries(SECRETS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it.each(ENVIRONMENTS.map((c) => [c.name, c] as const))(
    '%s keeps its state in its own schema through the pg backend, with no connection string',
    (_name, config) => {
      const json = JSON.parse(synth(config)) as Synthesized;
      expect(json.terraform.backend).toEqual({ pg: { schema_name: config.stateSchema } });
    },
  );

  it('gives every stack a distinct state schema and stack name', () => {
    expect(new Set(ENVIRONMENTS.map((c) => c.stateSchema)).size).toBe(ENVIRONMENTS.length);
    expect(new Set(ENVIRONMENTS.map((c) => c.name)).size).toBe(ENVIRONMENTS.length);
    expect(ENVIRONMENTS.map((c) => c.name)).toEqual(['dev', 'prod']);
  });

  it('registers each environment its own keys, named after it', () => {
    expect(synth(dev)).toHaveResourceWithProperties(tf.SshKey, {
      name: 'dev-deploy',
      public_key: fs.readFileSync(path.join(KEY_DIR, 'dev-deploy.pub'), 'utf8').trim(),
    });
    const prodJson = synth(prod);
    expect(prodJson).toHaveResourceWithProperties(tf.SshKey, { name: 'prod-deploy' });
    expect(prodJson).toHaveResourceWithProperties(tf.SshKey, { name: 'prod-break-glass' });
    expect(prodJson).not.toHaveResourceWithProperties(tf.SshKey, { name: 'dev-deploy' });
    // A public key registers once per account: no two keys of any environment may be the same.
    const publicKeys = ENVIRONMENTS.flatMap((c) =>
      Object.values((JSON.parse(synth(c)) as Synthesized).resource.lightyear_ssh_key).map(
        (r) => r.public_key,
      ),
    );
    expect(new Set(publicKeys).size).toBe(publicKeys.length);
  });

  it('leaves the provider configuration to the environment: no endpoint or API key synthesized', () => {
    for (const config of ENVIRONMENTS) {
      expect((JSON.parse(synth(config)) as Synthesized).provider.lightyear).toEqual([{}]);
    }
  });

  it('writes no secret into any file a full synth of each stack writes', () => {
    const app = Testing.app();
    for (const config of ENVIRONMENTS) {
      const outDir = Testing.fullSynth(new LightyearStack(app, config.name, config));
      try {
        const files = listFiles(outDir);
        expect(files.map((f) => path.basename(f))).toContain('cdk.tf.json');
        for (const file of files) {
          const text = fs.readFileSync(file, 'utf8');
          for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
          expect(text).not.toMatch(/conn_str|api_key/);
        }
      } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
      }
    }
  });
});

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
