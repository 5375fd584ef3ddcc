/**
 * The example's GitHub Actions workflow, read as GitHub reads it: the triggers, what each job runs, that
 * applies cannot race, and that every secret comes from `secrets`, none written in the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { ENVIRONMENTS } from '../../../examples/gitops/environments';

const EXAMPLE_DIR = path.resolve(__dirname, '..', '..', '..', 'examples', 'gitops');
const WORKFLOW_PATH = path.join(EXAMPLE_DIR, '.github', 'workflows', 'gitops.yml');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly 'working-directory'?: string;
  readonly if?: string;
}

interface Job {
  readonly name?: string;
  readonly if?: string;
  readonly needs?: string | string[];
  readonly 'runs-on': string;
  readonly environment?: string;
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly strategy?: { matrix: { include: Record<string, string>[] } };
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}

interface Workflow {
  readonly name: string;
  readonly on: Record<string, { branches?: string[]; paths?: string[] } | null>;
  readonly permissions: Record<string, string>;
  readonly env: Record<string, string>;
  readonly defaults: { run: { 'working-directory': string } };
  readonly jobs: Record<string, Job>;
}

const text = fs.readFileSync(WORKFLOW_PATH, 'utf8');
const workflow = load(text, { filename: WORKFLOW_PATH }) as Workflow;
const stacks = ENVIRONMENTS.map((c) => c.name);

const runs = (job: Job): string[] => job.steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
const applyJobs = (): [string, Job][] =>
  Object.entries(workflow.jobs).filter(([id]) => id.startsWith('apply-'));

describe('examples/gitops workflow', () => {
  it('plans on pull requests to main and applies on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on.pull_request?.branches).toEqual(['main']);
    expect(workflow.on.push?.branches).toEqual(['main']);
    // Both triggers watch the same files: what a plan was shown for is what gets applied.
    expect(workflow.on.pull_request?.paths).toContain('examples/gitops/**');
    expect(workflow.on.push?.paths).toEqual(workflow.on.pull_request?.paths);
    expect(workflow.defaults.run['working-directory']).toBe('examples/gitops');
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('plans every stack on a pull request with cdktf diff and keeps the plan as an artifact', () => {
    const plan = workflow.jobs.plan!;
    expect(plan.if).toContain("github.event_name == 'pull_request'");
    expect(plan.strategy?.matrix.include.map((m) => m.stack)).toEqual(stacks);
    expect(runs(plan).join('\n')).toMatch(/npx cdktf diff "\$STACK" --skip-synth/);
    expect(plan.env?.STACK).toBe('${{ matrix.stack }}');
    const upload = plan.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.name).toBe('plan-${{ matrix.stack }}');
    expect(upload?.if).toBe('always()');
    expect(plan.concurrency?.['cancel-in-progress']).toBe(true);
    expect(plan.concurrency?.group).toContain('${{ github.event.pull_request.number }}');
  });

  it('applies each stack on main with cdktf deploy --auto-approve, dev before prod', () => {
    expect(applyJobs().map(([id]) => id)).toEqual(stacks.map((s) => `apply-${s}`));
    for (const [id, job] of applyJobs()) {
      const stack = id.slice('apply-'.length);
      expect(job.env?.STACK).toBe(stack);
      expect(job.environment).toBe(stack);
      expect(runs(job).join('\n')).toMatch(/npx cdktf deploy "\$STACK" --auto-approve --skip-synth/);
    }
    expect(workflow.jobs['apply-dev']!.if).toContain("github.ref == 'refs/heads/main'");
    expect(workflow.jobs['apply-prod']!.needs).toBe('apply-dev');
  });

  it('never runs two applies of a stack at once, nor cancels one half-way', () => {
    const groups = applyJobs().map(([, job]) => job.concurrency);
    for (const group of groups) {
      expect(group?.['cancel-in-progress']).toBe(false);
      // A fixed group: one that names the commit or run would let two merges apply side by side.
      expect(group?.group).not.toContain('${{');
    }
    expect(new Set(groups.map((g) => g?.group)).size).toBe(groups.length);
    // Anything else holding a lock (a plan, a deploy from a laptop) makes a run wait rather than fail.
    expect(workflow.env.TF_CLI_ARGS_apply).toMatch(/^-lock-timeout=\d+m$/);
    expect(workflow.env.TF_CLI_ARGS_plan).toMatch(/^-lock-timeout=\d+m$/);
  });

  it('takes the API keys and the state connection string from secrets only', () => {
    expect(workflow.jobs.plan!.env?.LIGHTYEAR_API_KEY).toBe('${{ secrets[matrix.api_key_secret] }}');
    expect(workflow.jobs.plan!.strategy?.matrix.include.map((m) => m.api_key_secret)).toEqual(
      stacks.map((s) => `LIGHTYEAR_API_KEY_${s.toUpperCase()}`),
    );
    for (const [id, job] of applyJobs()) {
      const stack = id.slice('apply-'.length).toUpperCase();
      expect(job.env?.LIGHTYEAR_API_KEY).toBe(`\${{ secrets.LIGHTYEAR_API_KEY_${stack} }}`);
    }
    for (const job of Object.values(workflow.jobs))
      expect(job.env?.PG_CONN_STR).toBe('${{ secrets.PG_CONN_STR }}');
  });

  it('has no secret written into it', () => {
    // Nothing that looks like a key, a token or a connection string with a password, anywhere in the file.
    expect(text).not.toMatch(/\bly_[A-Za-z0-9]/);
    expect(text).not.toMatch(/postgres(ql)?:\/\//);
    expect(text).not.toMatch(/gh[pousr]_[A-Za-z0-9]{20,}/);
    // Every value of a variable named like a secret is a `secrets` expression.
    const envs = [workflow.env, ...Object.values(workflow.jobs).map((j) => j.env ?? {})];
    for (const env of envs) {
      for (const [name, value] of Object.entries(env)) {
        if (/KEY|TOKEN|PASSWORD|SECRET|CONN_STR/.test(name)) expect(value).toMatch(/^\$\{\{ secrets[.[]/);
      }
    }
  });
});
