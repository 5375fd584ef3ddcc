import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProfileError } from '../../src/cli/errors';
import {
  lookUpProfile,
  maskedKey,
  parseProfiles,
  profileFilePath,
  readProfiles,
  withProfile,
  withoutProfile,
  writeProfiles,
} from '../../src/cli/profiles';

const KEY = 'ly_0123456789abcdefghij0123456789ABCDEFGHIJ';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-profiles-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function profileError(run: () => unknown): ProfileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileError');
}

describe('profileFilePath', () => {
  it('prefers LYCTL_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(profileFilePath({ LYCTL_CONFIG: '/a/b.json', XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe(
      '/a/b.json',
    );
    expect(profileFilePath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/lyctl/profiles.json');
    expect(profileFilePath({ HOME: '/h' })).toBe('/h/.config/lyctl/profiles.json');
  });
});

describe('reading and writing the profile file', () => {
  it('writes the file 0600 in a 0700 directory and reads back what it wrote', () => {
    const file = path.join(dir, 'conf', 'lyctl', 'profiles.json');
    const content = withProfile({ profiles: {} }, 'prod', {
      api_key: KEY,
      endpoint: 'https://api.example/v1',
    });
    writeProfiles(file, content);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readProfiles(file)).toEqual(content);
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['profiles.json']);
  });

  it('keeps the other profiles when one is added, replaced or removed', () => {
    let content = withProfile({ profiles: {} }, 'prod', { api_key: KEY });
    content = withProfile(content, 'staging', { api_key: 'ly_s' });
    content = withProfile(content, 'prod', { api_key: 'ly_new' });
    expect(content.profiles).toEqual({ prod: { api_key: 'ly_new' }, staging: { api_key: 'ly_s' } });
    expect(withoutProfile(content, 'prod').profiles).toEqual({ staging: { api_key: 'ly_s' } });
  });

  it('reads a missing file as no profiles', () => {
    expect(readProfiles(path.join(dir, 'none.json'))).toEqual({ profiles: {} });
  });

  it('refuses a file other users can read, without printing its keys', () => {
    const file = path.join(dir, 'p.json');
    fs.writeFileSync(file, JSON.stringify({ profiles: { prod: { api_key: KEY } } }), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const error = profileError(() => readProfiles(file));
    expect(error.code).toBe('profile_file_unsafe');
    expect(error.message).toContain('chmod 600');
    expect(error.message).not.toContain(KEY);
  });

  it('names the file, not its content, when it is not JSON or has no key', () => {
    expect(profileError(() => parseProfiles(`{"profiles": {"p": {"api_key": "${KEY}"`, '/f')).message).toBe(
      '/f is not valid JSON',
    );
    expect(profileError(() => parseProfiles('{"profiles": {"p": {}}}', '/f')).message).toBe(
      "/f: profile 'p' has no api_key",
    );
    expect(profileError(() => parseProfiles('[]', '/f')).code).toBe('profile_file_invalid');
  });

  it('ignores fields it does not know', () => {
    expect(parseProfiles(`{"profiles": {"p": {"api_key": "k", "colour": "red"}}}`, '/f')).toEqual({
      profiles: { p: { api_key: 'k' } },
    });
  });
});

describe('profile names and lookups', () => {
  it('refuses names that do not fit a command line', () => {
    for (const bad of ['', '-x', 'a b', 'a/b', 'x'.repeat(64)]) {
      expect(profileError(() => withProfile({ profiles: {} }, bad, { api_key: KEY })).code).toBe(
        'invalid_profile_name',
      );
    }
  });

  it('lists the names there are when one is unknown, and never finds inherited properties', () => {
    const content = withProfile({ profiles: {} }, 'prod', { api_key: KEY });
    expect(profileError(() => lookUpProfile(content, 'staging', '/f')).message).toBe(
      "no profile 'staging' in /f (there are: prod)",
    );
    expect(profileError(() => lookUpProfile(content, 'toString', '/f')).code).toBe('profile_not_found');
    expect(profileError(() => lookUpProfile({ profiles: {} }, 'x', '/f')).message).toContain('profile add');
  });
});

describe('maskedKey', () => {
  it('shows the prefix the API itself shows, never the whole key', () => {
    expect(maskedKey(KEY)).toBe('ly_012345…');
    expect(maskedKey('ly_short')).toBe('…');
  });
});
