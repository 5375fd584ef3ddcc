import path from 'node:path';
import { defineCommand, type CommandContext, type CommandGroup } from '../command';
import { resolveDataDir } from '../data-dir';
import { envHint } from '../hints';
import { installProvider, PROVIDER_PLATFORMS, type InstallProviderResult } from '../provider-package';
import { lockProvider } from '../provider-lock';
import { shellQuote } from '../shell-quote';
import { PROVIDER_SOURCE } from '../terraform-cli-config';

const dataOption = {
  type: 'string',
  valueName: 'DIR',
  description:
    'data directory (default $LIGHTYEAR_HOME, else the nearest .lightyear upwards, else ./.lightyear)',
} as const;

const install = defineCommand({
  name: 'install',
  summary: 'Package the Terraform provider into a local mirror and write the Terraform CLI config',
  description: [
    `Writes the provider into a Terraform filesystem mirror for ${PROVIDER_PLATFORMS.join(', ')}`,
    `(<mirror>/${PROVIDER_SOURCE}/<version>/<os>_<arch>/) and writes <data>/terraform.rc, a Terraform`,
    'CLI config that takes the provider from that mirror. Point TF_CLI_CONFIG_FILE at it (or use',
    `\`${envHint()}\`), then \`terraform init\` finds the provider.`,
    '',
    'The package is deterministic: reinstalling the same build changes nothing, so lock files stay valid.',
  ].join('\n'),
  options: {
    data: {
      type: 'string',
      valueName: 'DIR',
      description:
        'data directory (default $LIGHTYEAR_HOME, else the nearest .lightyear upwards, else ./.lightyear)',
    },
    mirror: {
      type: 'string',
      valueName: 'DIR',
      description: 'filesystem mirror to install into (default <data>/providers)',
    },
    bundle: {
      type: 'string',
      valueName: 'FILE',
      description:
        'provider program to package (default: this package’s dist/terraform-provider-lightyear.js)',
    },
  },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const result = installProvider({
      dataDir,
      mirrorDir: options.mirror === undefined ? undefined : path.resolve(ctx.cwd, options.mirror),
      bundlePath: options.bundle === undefined ? undefined : path.resolve(ctx.cwd, options.bundle),
      note: ctx.err,
    });
    reportInstall(ctx, result);
    ctx.out(`TF_CLI_CONFIG_FILE=${shellQuote(result.cliConfigPath)}`);
    return 0;
  },
});

const lock = defineCommand({
  name: 'lock',
  summary: "Record the provider for every platform in a working directory's .terraform.lock.hcl",
  description: [
    'Installs the provider if needed, then runs `terraform providers lock` against the local mirror for',
    `${PROVIDER_PLATFORMS.join(', ')}: the package is the same on each, so one h1: hash covers them, and`,
    '`terraform init` from the lock file installs without a warning on any of them, asking no registry.',
    'Commit the lock file. Run it where the configuration is (for CDKTF, in cdktf.out/stacks/<stack>',
    "after `npx cdktf synth`). Other providers' entries are left as they are.",
  ].join('\n'),
  options: {
    dir: {
      type: 'string',
      valueName: 'DIR',
      description: 'the Terraform working directory (default: the current one)',
    },
    data: dataOption,
  },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const installed = installProvider({ dataDir });
    if (installed.changed) reportInstall(ctx, installed, 'err');
    const workDir = path.resolve(ctx.cwd, options.dir ?? '.');
    const output = await lockProvider({ workDir, mirrorDir: installed.mirrorDir, env: ctx.env });
    for (const line of output.trimEnd().split('\n')) ctx.err(line);
    ctx.out(
      `Locked ${PROVIDER_SOURCE} ${installed.version} for ${PROVIDER_PLATFORMS.join(', ')} in ${path.join(workDir, '.terraform.lock.hcl')}`,
    );
    return 0;
  },
});

/** Says what `installProvider` did; shared with `local env`, which installs on demand. */
export function reportInstall(
  ctx: CommandContext,
  result: InstallProviderResult,
  to: 'out' | 'err' = 'out',
): void {
  const say = to === 'out' ? ctx.out : ctx.err;
  const what = `${PROVIDER_SOURCE} ${result.version} in ${result.mirrorDir}`;
  say(result.changed ? `Installed ${what}` : `Provider ${what} is up to date`);
  if (result.replacedPrevious) {
    ctx.err(
      'Note: this replaced a different build of the same version. Terraform working directories that ran ' +
        '`terraform init` with the old build fail their checksum check: delete their .terraform.lock.hcl ' +
        '(or its lightyear entry) and run `terraform init` again.',
    );
  }
}

export const providerCommands: CommandGroup = {
  name: 'provider',
  summary: 'Install the LightYear Terraform provider',
  commands: [install, lock],
};
