import { LightyearClient } from '../../src/client/client';

describe('LightyearClient.apiKeyPrefix', () => {
  it('is the display prefix the API lists for the key (ly_ and 6 characters), never more of it', async () => {
    const secret = `ly_${'aB3'.repeat(13)}x`;
    const client = new LightyearClient({ apiKey: secret, endpoint: 'http://127.0.0.1:9' });
    try {
      expect(client.apiKeyPrefix).toBe('ly_aB3aB3');
      expect(JSON.stringify(client)).not.toContain(secret);
    } finally {
      await client.close();
    }
  });

  it('is undefined for a key not shaped like a LightYear key', async () => {
    const client = new LightyearClient({ apiKey: 'some-proxy-token', endpoint: 'http://127.0.0.1:9' });
    try {
      expect(client.apiKeyPrefix).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});
