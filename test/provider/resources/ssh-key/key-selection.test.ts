import type { SshKey } from '../../../../src/api';
import { AmbiguousMatchError, NoMatchError } from '../../../../src/provider/framework/lookup-errors';
import {
  noKeyNamed,
  noKeyWithId,
  oneKeyNamed,
} from '../../../../src/provider/resources/ssh-key/key-selection';
import { checkSshKeyId } from '../../../../src/provider/resources/ssh-key/rules';

const key = (id: string, name: string, created_at: string): SshKey => ({
  id,
  name,
  public_key: 'ssh-ed25519 AAAA',
  fingerprint: `SHA256:${id}`,
  created_at,
});

describe('picking the SSH key a name names', () => {
  it('is the one key with the name, or none', () => {
    const laptop = key('sshk_1', 'laptop', '2026-01-01T00:00:00Z');
    expect(oneKeyNamed('laptop', [laptop])).toBe(laptop);
    expect(oneKeyNamed('laptop', [])).toBeUndefined();
  });

  it('refuses a name several keys carry, listing them oldest first, on name', () => {
    const keys = [key('sshk_2', 'ci', '2026-02-01T00:00:00Z'), key('sshk_1', 'ci', '2026-01-01T00:00:00Z')];
    let error: unknown;
    try {
      oneKeyNamed('ci', keys);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmbiguousMatchError);
    expect(error).toMatchObject({
      code: 'ambiguous_match',
      path: ['name'],
      detail:
        '2 SSH keys are named "ci": sshk_1 (SHA256:sshk_1, created 2026-01-01T00:00:00Z), sshk_2 (SHA256:sshk_2, created 2026-02-01T00:00:00Z). Look the key up by id instead, or rename the others.',
    });
  });

  it('names close names when nothing matches, else the names there are', () => {
    const keys = [
      key('sshk_1', 'Laptop', '2026-01-01T00:00:00Z'),
      key('sshk_2', 'laptop-old', '2026-01-01T00:00:00Z'),
      key('sshk_3', 'ci', '2026-01-01T00:00:00Z'),
    ];
    const close = noKeyNamed('laptop', keys);
    expect(close).toBeInstanceOf(NoMatchError);
    expect(close.path).toEqual(['name']);
    expect(close.detail).toBe('No SSH key is named "laptop". Similar names: "Laptop", "laptop-old".');
    expect(noKeyNamed('server', keys).detail).toBe(
      'No SSH key is named "server". Names in the account: "Laptop", "ci", "laptop-old".',
    );
    expect(noKeyNamed('server', []).detail).toBe(
      'No SSH key is named "server". The account has no SSH keys.',
    );
    expect(noKeyWithId('sshk_9')).toMatchObject({ path: ['id'], summary: 'No such SSH key' });
  });

  it('refuses at validate what cannot be an SSH key id', () => {
    expect(checkSshKeyId('sshk_2bX9')).toBeUndefined();
    expect(checkSshKeyId('inst_1')).toContain('is not an SSH key id');
  });
});
