export { startLocalCloud, type LocalCloudOptions, type RunningLocalCloud } from './local-cloud';
export { API_KEY_SECRET_PATTERN, generateApiKeySecret } from './api-key-secret';
export { BOOTSTRAP_KEY_FILE_NAME, InvalidBootstrapKeyError } from './bootstrap';
export { DEMO_DURATIONS, INSTANT_DURATIONS, scaleDurations, type LifecycleDurations } from './lifecycle';
export { TLS_CERT_FILE_NAME, TLS_KEY_FILE_NAME, TlsCertificateError, type LocalCloudTlsOption } from './tls';
export {
  ensurePrivateDirectory,
  writePrivateFileAtomically,
  UnsafeDataDirectoryError,
  PRIVATE_DIRECTORY_MODE,
  PRIVATE_FILE_MODE,
} from './private-files';
