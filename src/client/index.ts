export { LightyearClient } from './client';
export type { LightyearClientOptions } from './options';
export { DEFAULT_ENDPOINT, isLoopbackHost } from './endpoint';
export {
  LightyearError,
  LightyearConfigError,
  LightyearArgumentError,
  LightyearApiError,
  LightyearConnectionError,
  LightyearAbortedError,
  LightyearInvalidResponseError,
  LightyearWaitTimeoutError,
  isLightyearError,
  isApiError,
  isNotFoundError,
} from './errors';
export type { RequestSpec, CallOptions, ApiRequester } from './request-spec';
export { pathSegment } from './path-segment';
export type { Page } from './resources/pagination';
export { SshKeys } from './resources/ssh-keys';
export type { SshKeyListQuery } from './resources/ssh-keys';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export type { Clock } from './clock';
export { isCertificateTrustFailure } from './transport/connection-failures';
export type { ClientLogEvent, AttemptLogEvent, RetryLogEvent, BodiesLogEvent } from './transport/log-events';
