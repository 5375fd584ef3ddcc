/**
 * go-plugin's handshake: the environment Terraform starts a plugin with, and the single stdout line the
 * plugin answers with. The cookie and line format are go-plugin facts (see terraform-plugin-notes).
 */

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
/** go-plugin's own protocol version: the first field of the handshake line. */
export const CORE_PROTOCOL_VERSION = 1;
/** The Terraform plugin protocol major version we serve. */
export const APP_PROTOCOL_VERSION = 6;

export type HandshakeEnvironment =
  | { readonly kind: 'not-started-by-terraform' }
  | { readonly kind: 'unsupported-protocol'; readonly offered: string }
  | {
      readonly kind: 'ready';
      /** Present when AutoMTLS is on: the client's certificate, the only CA to trust. */
      readonly clientCertificatePem: string | undefined;
    };

export function readHandshakeEnvironment(env: NodeJS.ProcessEnv): HandshakeEnvironment {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) return { kind: 'not-started-by-terraform' };
  // go-plugin clients that predate version negotiation leave it unset and expect the plugin's only version.
  const offered = env['PLUGIN_PROTOCOL_VERSIONS'];
  if (offered !== undefined && offered !== '') {
    const versions = offered.split(',').map((version) => Number(version.trim()));
    if (!versions.includes(APP_PROTOCOL_VERSION)) return { kind: 'unsupported-protocol', offered };
  }
  // Terraform withholds the client certificate when TF_DISABLE_PLUGIN_TLS is set; honour the variable too,
  // so a stale PLUGIN_CLIENT_CERT in the environment cannot switch TLS back on.
  const tlsDisabled = (env['TF_DISABLE_PLUGIN_TLS'] ?? '') !== '';
  const clientCertificate = env['PLUGIN_CLIENT_CERT'];
  return {
    kind: 'ready',
    clientCertificatePem: !tlsDisabled && clientCertificate ? clientCertificate : undefined,
  };
}

/**
 * `1|6|unix|<path>|grpc|<cert>`: the sixth field (TLS only) is the certificate's DER in unpadded standard
 * base64; go-plugin fails to parse padded base64.
 */
export function handshakeLine(server: {
  network: 'unix' | 'tcp';
  address: string;
  certificateDer: Uint8Array | undefined;
}): string {
  const fields: string[] = [
    String(CORE_PROTOCOL_VERSION),
    String(APP_PROTOCOL_VERSION),
    server.network,
    server.address,
    'grpc',
  ];
  if (server.certificateDer !== undefined) {
    fields.push(Buffer.from(server.certificateDer).toString('base64').replace(/=+$/, ''));
  }
  return `${fields.join('|')}\n`;
}
