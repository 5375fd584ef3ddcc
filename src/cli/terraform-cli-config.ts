/** The provider's source address, as a configuration's `required_providers` names it. */
export const PROVIDER_SOURCE = 'registry.terraform.io/lightyear/lightyear';

/**
 * A string literal for Terraform's CLI config file. That file is still read by HCL 1, whose quoted strings
 * take backslash escapes; a path needs only `\` and `"` escaped. Control characters have no business in a
 * path and no reliable escape there, so they are refused.
 */
export function hclString(value: string): string {
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    throw new TypeError(
      `cannot write a path with control characters into the Terraform CLI config: ${JSON.stringify(value)}`,
    );
  }
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The Terraform CLI config (`TF_CLI_CONFIG_FILE`) that takes our provider (or the given full source
 * addresses) from the filesystem mirror and every other provider from its registry as usual. The `direct`
 * exclusion matters: without it Terraform would also ask registry.terraform.io for lightyear/lightyear, which
 * does not exist there.
 */
export function terraformCliConfig(
  mirrorDir: string,
  sources: readonly string[] = [PROVIDER_SOURCE],
): string {
  const source = sources.map(hclString).join(', ');
  return [
    '# Written by `lyctl provider install`: takes the LightYear provider from the local mirror below.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hclString(mirrorDir)}`,
    `    include = [${source}]`,
    '  }',
    '  direct {',
    `    exclude = [${source}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}
