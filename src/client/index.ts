export { LightyearClient } from './client';
export type { LightyearClientOptions } from './options';
export { DEFAULT_MAX_RESPONSE_BYTES } from './options';
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
  LightyearResponseTooLargeError,
  isLightyearError,
  isApiError,
  isNotFoundError,
  isBusyError,
  isResourceInUseError,
} from './errors';
export type { FieldError, WaitTimeoutFields } from './errors';
export type { RequestSpec, CallOptions, ApiRequester } from './request-spec';
export { pathSegment } from './path-segment';
export type { Page } from './resources/pagination';
export { Listing, Collection, UpdatableCollection } from './resources/collection';
export type { ListQuery, PostOptions } from './resources/collection';
export type { SshKeys, SshKeyListQuery } from './resources/ssh-keys';
export { Instances } from './resources/instances';
export type { InstanceListQuery } from './resources/instances';
export type { Firewalls, FirewallListQuery } from './resources/firewalls';
export { Blocks } from './resources/blocks';
export type { BlockListQuery } from './resources/blocks';
export { Domains } from './resources/domains';
export type { DomainListQuery } from './resources/domains';
export type { DnsRecords, DnsRecordListQuery } from './resources/dns-records';
export type { Snapshots, SnapshotListQuery } from './resources/snapshots';
export type { ApiKeys, ApiKeyListQuery } from './resources/api-keys';
export { Webhooks } from './resources/webhooks';
export type { WebhookListQuery, WebhookDeliveries, WebhookDeliveryListQuery } from './resources/webhooks';
export type { Regions, Plans, Images, CatalogQuery } from './resources/catalog';
export { waitFor } from './wait-for';
export { retryWhileBusy } from './retry-while-busy';
export type { RetryWhileBusyOptions } from './retry-while-busy';
export type { WaitForOptions } from './wait-for';
export type { Clock } from './clock';
export { isCertificateTrustFailure } from './transport/connection-failures';
export type { ClientLogEvent, AttemptLogEvent, RetryLogEvent, BodiesLogEvent } from './transport/log-events';
