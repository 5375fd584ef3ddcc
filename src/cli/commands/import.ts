import path from 'node:path';
import { CONNECTION_NOTE, connectionOptions, withClient } from '../cloud-command';
import { defineCommand } from '../command';
import { INVENTORY_KINDS } from '../discovery/inventory';
import { generateImport } from '../import/generate';
import { cdktfFiles } from '../import/render-cdktf';
import { hclFiles } from '../import/render-hcl';
import { readStateFile } from '../import/state-file';
import { writeOutput } from '../import/write-output';
import { terminalSafeCell } from '../terminal-text';
import { required } from './kind-commands';
import { parseKind } from './discover';

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Write Terraform (or CDKTF) configuration with import blocks for what the account holds',
  description:
    'Writes providers.tf and imported.tf into --out: an `import` block and a `resource` block for each object, ' +
    'with the arguments as the API has them and references between objects (a server names its firewall and ' +
    'keys, a record its domain and the server whose address it holds), so `terraform plan` there imports ' +
    'everything and proposes no other change. --cdktf writes main.ts, cdktf.json and package.json instead, ' +
    'a stack with importFrom(id) on each resource, for `cdktf diff`. --orphans STATEFILE leaves out what that ' +
    'terraform.tfstate already manages. Secrets (API key and webhook secrets, user_data) cannot be read ' +
    'back; the output says so where it leaves them out. The API key lyctl runs with is not imported unless ' +
    `--include-own-key. Kinds: ${INVENTORY_KINDS.join(', ')} (volume includes its attachment). ` +
    'Files lyctl import wrote before are replaced; any other file of the same name is left alone and the ' +
    `import refused. ${CONNECTION_NOTE}`,
  options: {
    out: { type: 'string', valueName: 'DIR', description: 'the directory to write (required)' },
    kind: { type: 'string', valueName: 'K', multiple: true, description: 'only this kind; repeatable' },
    cdktf: { type: 'boolean', description: 'write a CDKTF TypeScript stack instead of HCL' },
    orphans: {
      type: 'string',
      valueName: 'STATEFILE',
      description: 'only what this Terraform state file does not manage',
    },
    'include-own-key': { type: 'boolean', description: 'import the API key lyctl runs with, too' },
    ...connectionOptions,
  },
  async run(ctx, options) {
    const out = path.resolve(ctx.cwd, required(options.out, 'out', 'import'));
    const kinds = (options.kind ?? []).map(parseKind);
    // Read before anything is asked of the API: a wrong path fails at once.
    const managed =
      options.orphans === undefined ? undefined : readStateFile(path.resolve(ctx.cwd, options.orphans));
    const result = await withClient(ctx, options, (client) =>
      generateImport(client, {
        kinds,
        ...(managed === undefined ? {} : { managed }),
        includeOwnKey: options['include-own-key'] === true,
      }),
    );
    const files = options.cdktf === true ? cdktfFiles(result) : hclFiles(result);
    for (const file of writeOutput(out, files)) ctx.out(`Wrote ${terminalSafeCell(file)}`);
    for (const note of result.notes) ctx.err(note);
    ctx.err(
      `${result.resources.length} object(s) to import. Next: cd ${terminalSafeCell(out)} && ` +
        (options.cdktf === true ? 'npm install && npx cdktf diff' : 'terraform init && terraform plan'),
    );
    return 0;
  },
});
