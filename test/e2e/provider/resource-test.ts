/**
 * `resourceTest`, in the manner of terraform-plugin-testing: each step writes a configuration and applies it
 * with the real terraform, then plans again and fails unless that plan is empty; a step may check the state,
 * expect the plan's actions, expect an error, or verify that importing the object gives the same state and
 * again an empty plan. The test ends with a destroy and the caller's check that nothing is left.
 */
import type { TerraformResult, TerraformRunOptions } from '../../helpers/terraform';

export interface Workspace {
  writeFiles(files: Readonly<Record<string, string>>): void;
  tf(args: readonly string[], options?: TerraformRunOptions): Promise<TerraformResult>;
}

export interface ResourceTestStep {
  /** main.tf of this step. */
  readonly config: string;
  /** The actions the plan before apply must show, by address (`["update"]`, `["delete","create"]`). */
  readonly expectActions?: Readonly<Record<string, readonly string[]>>;
  /** The apply must fail with output matching this; nothing else is checked then. */
  readonly expectError?: RegExp;
  /** After apply: the state's attributes by address. */
  readonly check?: (state: Readonly<Record<string, Record<string, unknown>>>) => void | Promise<void>;
  /** After apply: import these addresses afresh (`terraform state rm` + `import`) and compare the state. */
  readonly importVerify?: readonly {
    readonly address: string;
    readonly ignore?: readonly string[];
    /** The import id from the object's state; its `id` by default (`<domain>/<id>` for a DNS record). */
    readonly importId?: (values: Record<string, unknown>) => string;
  }[];
}

export async function mustRun(ws: Workspace, args: readonly string[]): Promise<TerraformResult> {
  const result = await ws.tf(args);
  if (result.code !== 0)
    throw new Error(`terraform ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Every resource in state, by address, with its attribute values (`terraform show -json`). */
export async function stateValues(ws: Workspace): Promise<Record<string, Record<string, unknown>>> {
  const show = await mustRun(ws, ['show', '-json', '-no-color']);
  const json = JSON.parse(show.stdout) as {
    values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
  };
  return Object.fromEntries((json.values?.root_module?.resources ?? []).map((r) => [r.address, r.values]));
}

export async function plannedActions(ws: Workspace): Promise<Record<string, string[]>> {
  await mustRun(ws, ['plan', '-no-color', '-input=false', '-out=step.tfplan']);
  const show = await mustRun(ws, ['show', '-json', 'step.tfplan']);
  const json = JSON.parse(show.stdout) as {
    resource_changes?: { address: string; change: { actions: string[] } }[];
  };
  return Object.fromEntries(
    (json.resource_changes ?? [])
      .filter((c) => c.change.actions.join() !== 'no-op')
      .map((c) => [c.address, c.change.actions]),
  );
}

/** Fails unless a plan now proposes nothing (exit code 0 of `-detailed-exitcode`). */
export async function expectEmptyPlan(ws: Workspace, when: string): Promise<void> {
  const plan = await ws.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
  if (plan.code !== 0)
    throw new Error(
      `the plan after ${when} is not empty (exit ${plan.code}):\n${plan.stdout}\n${plan.stderr}`,
    );
}

const idOf = (values: Record<string, unknown>): string => String(values.id);

export async function resourceTest(
  ws: Workspace,
  steps: readonly ResourceTestStep[],
  checkDestroyed: () => Promise<void>,
): Promise<void> {
  let lastApplied: string | undefined;
  for (const [i, step] of steps.entries()) {
    const name = `step ${i + 1}`;
    ws.writeFiles({ 'main.tf': step.config });
    if (step.expectError) {
      const apply = await ws.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
      if (apply.code === 0) throw new Error(`${name}: apply succeeded, but an error was expected`);
      const output = `${apply.stdout}\n${apply.stderr}`;
      if (!step.expectError.test(output))
        throw new Error(`${name}: expected ${step.expectError}, got:\n${output}`);
      continue;
    }
    if (step.expectActions) {
      const actions = await plannedActions(ws);
      expect({ step: name, actions }).toEqual({ step: name, actions: step.expectActions });
    }
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    lastApplied = step.config;
    await expectEmptyPlan(ws, `${name}'s apply`);
    const state = await stateValues(ws);
    await step.check?.(state);
    for (const { address, ignore = [], importId = idOf } of step.importVerify ?? []) {
      const before = state[address];
      if (!before) throw new Error(`${name}: ${address} is not in state`);
      await mustRun(ws, ['state', 'rm', '-no-color', address]);
      await mustRun(ws, ['import', '-no-color', '-input=false', address, importId(before)]);
      const after = (await stateValues(ws))[address];
      const strip = (v: Record<string, unknown> | undefined) =>
        Object.fromEntries(Object.entries(v ?? {}).filter(([k]) => !ignore.includes(k)));
      expect({ address, state: strip(after) }).toEqual({ address, state: strip(before) });
      await expectEmptyPlan(ws, `importing ${address} in ${name}`);
    }
  }
  // Destroy from the last configuration that applied: a step that expected an error left an invalid one.
  if (lastApplied !== undefined) ws.writeFiles({ 'main.tf': lastApplied });
  await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
  await checkDestroyed();
}
