/**
 * The protocol layer's public surface: serve tfplugin6 from Node. Knows nothing of LightYear.
 * The message types are in `tfplugin6.ts`; the msgpack value codec lives in `values/`.
 */
export * from './tfplugin6';
export { serve } from './serve';
export type { ServeOptions } from './serve';
export { startPluginServer } from './plugin-server';
export type { Listen, PluginServer, PluginServerOptions } from './plugin-server';
export { createLogger, levelFromEnvironment, LOG_LEVELS } from './logger';
export type { Logger, LogFields, LogLevel, LoggerOptions } from './logger';
export {
  attr,
  attributePath,
  errorDiagnostic,
  formatAttributePath,
  hasErrors,
  index,
  key,
  warningDiagnostic,
} from './diagnostics';
export { ProtocolError, WireDecodeError, WireEncodeError } from './errors';
export { decode, encode } from './codec';
export type { MessageDescriptor } from './codec';
export * as descriptors from './tfplugin6-descriptors';
