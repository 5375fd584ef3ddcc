import type { DnsRecord, DnsRecordChangedEvent } from '../../api';
import type { EventStore } from '../store/events';

/**
 * Emits `dns.record_changed` with data `{action, domain, record, previous?}`: `record` is the record as
 * it now is (as it was, for `deleted`), and `previous` is the record before an update. Call it inside the
 * transaction that makes the change.
 */
export function emitRecordChanged(
  events: EventStore,
  action: DnsRecordChangedEvent['action'],
  record: DnsRecord,
  nowIso: string,
  previous?: DnsRecord,
): void {
  const data: DnsRecordChangedEvent = { action, domain: record.domain, record };
  if (previous !== undefined) data.previous = previous;
  events.emit('dns.record_changed', data, nowIso);
}
