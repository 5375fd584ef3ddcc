import path from 'node:path';
import { resolveCredentials } from '../api-connection';
import { connectionOptions, jsonOption } from '../cloud-command';
import { defineCommand, type CommandGroup } from '../command';
import { resolveDataDir } from '../data-dir';
import { ProfileError } from '../errors';
import { formatTable } from '../output/table';
import {
  checkProfileName,
  lookUpProfile,
  maskedKey,
  profileFilePath,
  readProfiles,
  withProfile,
  withoutProfile,
  writeProfiles,
  type Profile,
} from '../profiles';

const FILE_NOTE =
  'Profiles live in $LYCTL_CONFIG, else $XDG_CONFIG_HOME/lyctl/profiles.json, else ~/.config/lyctl/profiles.json ' +
  '(mode 0600).';

const add = defineCommand({
  name: 'add',
  summary: 'Save an API key as a named profile (read from stdin or typed without echo)',
  description:
    'The key is never an argument (shell history and `ps` would keep it): pipe it in (`lyctl profile add prod ' +
    '< key.txt`) or type it at the prompt, which does not echo. Adding an existing name replaces it. ' +
    FILE_NOTE,
  options: {
    endpoint: { type: 'string', valueName: 'URL', description: 'the API base; default: the hosted API' },
    'ca-cert': {
      type: 'string',
      valueName: 'FILE',
      description: 'a CA certificate to trust (a local cloud with --tls)',
    },
  },
  arguments: [{ name: 'NAME', description: 'the profile name, e.g. prod' }],
  async run(ctx, options, args) {
    const name = args[0] as string;
    checkProfileName(name);
    let key: string;
    if (ctx.stdinIsTerminal === true && ctx.ask !== undefined) {
      key = await ctx.ask(`API key for profile ${name} (not shown): `, { secret: true });
    } else if (ctx.readStdin !== undefined) {
      key = await ctx.readStdin();
    } else {
      key = '';
    }
    key = key.trim();
    if (key === '' || /\s/.test(key)) {
      throw new ProfileError(
        'no_key_given',
        key === ''
          ? 'no API key given: pipe it to `lyctl profile add` on stdin or type it at the prompt'
          : 'the API key given holds spaces or several lines; give exactly one key',
        2,
      );
    }
    const file = profileFilePath(ctx.env);
    const current = readProfiles(file);
    const replaced = Object.hasOwn(current.profiles, name);
    const profile: Profile = {
      api_key: key,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options['ca-cert'] === undefined ? {} : { ca_cert: path.resolve(ctx.cwd, options['ca-cert']) }),
    };
    writeProfiles(file, withProfile(current, name, profile));
    ctx.out(`${replaced ? 'Replaced' : 'Added'} profile ${name} (key ${maskedKey(key)}) in ${file}`);
    return 0;
  },
});

const list = defineCommand({
  name: 'list',
  summary: 'List the profiles (keys shown by their first characters only)',
  description: FILE_NOTE,
  options: { ...jsonOption },
  async run(ctx, options) {
    const content = readProfiles(profileFilePath(ctx.env));
    const rows = Object.entries(content.profiles).map(([name, profile]) => ({
      name,
      endpoint: profile.endpoint ?? null,
      key_prefix: maskedKey(profile.api_key),
      ca_cert: profile.ca_cert ?? null,
    }));
    if (options.json === true) {
      ctx.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const columns = [
      { header: 'NAME', value: (r: (typeof rows)[number]) => r.name },
      { header: 'ENDPOINT', value: (r: (typeof rows)[number]) => r.endpoint ?? '(hosted API)' },
      { header: 'KEY', value: (r: (typeof rows)[number]) => r.key_prefix },
      { header: 'CA_CERT', value: (r: (typeof rows)[number]) => r.ca_cert },
    ];
    for (const line of formatTable(columns, rows)) ctx.out(line);
    return 0;
  },
});

const remove = defineCommand({
  name: 'remove',
  summary:
    'Remove a profile from the file (the key itself stays valid: revoke it with `lyctl api-key delete`)',
  description: FILE_NOTE,
  options: {},
  arguments: [{ name: 'NAME', description: 'the profile name' }],
  async run(ctx, _options, args) {
    const name = args[0] as string;
    const file = profileFilePath(ctx.env);
    writeProfiles(file, withoutProfile(readProfiles(file), name));
    ctx.out(`Removed profile ${name} from ${file}`);
    return 0;
  },
});

const show = defineCommand({
  name: 'show',
  summary: 'Say which credentials a command would use, and where they come from',
  description: FILE_NOTE,
  options: { ...connectionOptions },
  arguments: [
    { name: 'NAME', description: 'a profile to show instead of the one in effect', optional: true },
  ],
  async run(ctx, options, args) {
    const name = args[0];
    if (name !== undefined) {
      const file = profileFilePath(ctx.env);
      const profile = lookUpProfile(readProfiles(file), name, file);
      ctx.out(`profile   ${name}`);
      ctx.out(`endpoint  ${profile.endpoint ?? '(hosted API)'}`);
      ctx.out(`key       ${maskedKey(profile.api_key)}`);
      return 0;
    }
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const credentials = resolveCredentials(ctx.env, dataDir, options.profile);
    ctx.out(`source    ${credentials.source}`);
    ctx.out(`endpoint  ${credentials.endpoint ?? '(hosted API)'}`);
    ctx.out(`key       ${maskedKey(credentials.apiKey)}`);
    return 0;
  },
});

export const profileCommands: CommandGroup = {
  name: 'profile',
  summary: 'Named API keys, one per environment',
  commands: [add, list, show, remove],
};
