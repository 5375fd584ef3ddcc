/**
 * The secrets of lightyear_api_key and lightyear_webhook (and the provider's own API key) never appear in
 * TF_LOG=trace logs, plan or apply output, or anywhere in the state but their own sensitive attributes —
 * although the trace log does carry the API's create answers, redacted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';
import { mustRun, stateValues, type Workspace } from './resource-test';

/** Every path in a JSON value at which a string containing `needle` sits. */
function pathsContaining(value: unknown, needle: string, at = '$'): string[] {
  if (typeof value === 'string') return value.includes(needle) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsContaining(v, needle, `${at}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => pathsContaining(v, needle, `${at}.${k}`));
  return [];
}

describe('account secrets under TF_LOG=trace', () => {
  let lw: LightyearWorkspace;
  let ws: Workspace;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    ws = { writeFiles: (files) => lw.ws.writeFiles(files), tf: (args, options) => lw.tf(args, options) };
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
    await lw.dispose();
  });

  it('keeps every secret out of logs, plans and output; in state only in its own attribute', async () => {
    const config = (name: string) => `${TERRAFORM_BLOCK}
resource "lightyear_api_key" "ci" {
  name        = "${name}"
  permissions = ["instances:read"]
}

resource "lightyear_webhook" "deploys" {
  url    = "${receiver.url}"
  events = ["instance.created"]
}
`;
    lw.ws.writeFiles({ 'main.tf': config('ci') });
    await mustRun(ws, ['init', '-no-color', '-input=false']);
    const runs = [await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], { log: 'trace' })];
    const state = await stateValues(ws);
    const keySecret = state['lightyear_api_key.ci']!.secret as string;
    const hookSecret = state['lightyear_webhook.deploys']!.secret as string;
    expect(keySecret).toMatch(/^ly_[0-9A-Za-z]{40}$/);
    expect(hookSecret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);

    runs.push(await lw.tf(['plan', '-no-color', '-input=false'], { log: 'trace' }));
    runs.push(
      await lw.tf(['apply', '-refresh-only', '-auto-approve', '-no-color', '-input=false'], { log: 'trace' }),
    );
    runs.push(await lw.tf(['show', '-no-color']));
    // A replacement plans and creates a new secret: the plan shows only that it is sensitive.
    lw.ws.writeFiles({ 'main.tf': config('ci-2') });
    const replace = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], { log: 'trace' });
    expect(replace.stdout).toMatch(/secret\s+= \(sensitive value\)/);
    runs.push(replace);
    const newKeySecret = (await stateValues(ws))['lightyear_api_key.ci']!.secret as string;
    expect(newKeySecret).not.toBe(keySecret);
    runs.push(await lw.tf(['destroy', '-auto-approve', '-no-color', '-input=false'], { log: 'trace' }));

    const traced = runs.filter((r) => r.log !== '');
    expect(traced).toHaveLength(5);
    for (const run of runs) {
      expect(run.code).toBe(0);
      for (const output of [run.log, run.stdout, run.stderr]) {
        for (const secret of [keySecret, newKeySecret, hookSecret, lw.cloud.apiKey])
          expect(output.includes(secret)).toBe(false);
      }
    }
    // The trace really carried the create answers, with their secrets redacted.
    const log = traced.map((r) => r.log).join('\n');
    const createAnswers = log
      .split('\n')
      .filter((line) => line.includes('http_method=POST') && line.includes('response_body='));
    for (const route of [/http_path=\/account\/api-keys(\s|$)/, /http_path=\/webhooks(\s|$)/]) {
      const answers = createAnswers.filter((line) => route.test(line));
      expect({ route: String(route), traced: answers.length > 0 }).toEqual({
        route: String(route),
        traced: true,
      });
      for (const line of answers) expect(line).toMatch(/secret\W+\[redacted\]/);
    }
    expect(log).toContain('GRPCProvider.v6: ');
  });

  it('in the state file, each secret is in its own attribute and nowhere else', async () => {
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
resource "lightyear_api_key" "ci" {
  name        = "state-check"
  permissions = ["instances:read"]
}

resource "lightyear_webhook" "deploys" {
  url    = "${receiver.url}"
  events = ["instance.created"]
}
`,
    });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const state = await stateValues(ws);
    const file = JSON.parse(fs.readFileSync(path.join(lw.ws.workDir, 'terraform.tfstate'), 'utf8')) as {
      resources: { type: string; instances: { sensitive_attributes: unknown }[] }[];
    };
    const keyPaths = pathsContaining(file, state['lightyear_api_key.ci']!.secret as string);
    const hookPaths = pathsContaining(file, state['lightyear_webhook.deploys']!.secret as string);
    expect(keyPaths).toHaveLength(1);
    expect(keyPaths[0]).toMatch(/\.attributes\.secret$/);
    expect(hookPaths).toHaveLength(1);
    expect(hookPaths[0]).toMatch(/\.attributes\.secret$/);
    expect(pathsContaining(file, lw.cloud.apiKey)).toEqual([]);
    // Terraform records both attributes as sensitive.
    for (const resource of file.resources)
      expect(JSON.stringify(resource.instances[0]!.sensitive_attributes)).toContain('"secret"');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
  });
});
