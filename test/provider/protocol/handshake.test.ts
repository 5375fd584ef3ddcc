import {
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  handshakeLine,
  readHandshakeEnvironment,
} from '../../../src/provider/protocol/handshake';

const cookie = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE };

describe('go-plugin handshake', () => {
  it('knows when Terraform did not start the process', () => {
    expect(readHandshakeEnvironment({})).toEqual({ kind: 'not-started-by-terraform' });
    expect(readHandshakeEnvironment({ [MAGIC_COOKIE_KEY]: 'nope' })).toEqual({
      kind: 'not-started-by-terraform',
    });
  });

  it('requires protocol 6 among the offered versions', () => {
    expect(readHandshakeEnvironment({ ...cookie, PLUGIN_PROTOCOL_VERSIONS: '5' })).toEqual({
      kind: 'unsupported-protocol',
      offered: '5',
    });
    expect(readHandshakeEnvironment({ ...cookie, PLUGIN_PROTOCOL_VERSIONS: '5,6' }).kind).toBe('ready');
    expect(readHandshakeEnvironment({ ...cookie }).kind).toBe('ready');
  });

  it('serves TLS only with a client certificate and without TF_DISABLE_PLUGIN_TLS', () => {
    const pem = '-----BEGIN CERTIFICATE-----\n...';
    expect(readHandshakeEnvironment({ ...cookie, PLUGIN_CLIENT_CERT: pem })).toEqual({
      kind: 'ready',
      clientCertificatePem: pem,
    });
    expect(
      readHandshakeEnvironment({ ...cookie, PLUGIN_CLIENT_CERT: pem, TF_DISABLE_PLUGIN_TLS: '1' }),
    ).toEqual({ kind: 'ready', clientCertificatePem: undefined });
  });

  it('prints the certificate in unpadded base64', () => {
    // 4 bytes → "AQIDBA==" padded; go-plugin only parses the unpadded form.
    const line = handshakeLine({
      network: 'unix',
      address: '/tmp/x/plugin.sock',
      certificateDer: Uint8Array.of(1, 2, 3, 4),
    });
    expect(line).toBe('1|6|unix|/tmp/x/plugin.sock|grpc|AQIDBA\n');
    expect(handshakeLine({ network: 'tcp', address: '127.0.0.1:1234', certificateDer: undefined })).toBe(
      '1|6|tcp|127.0.0.1:1234|grpc\n',
    );
  });
});
