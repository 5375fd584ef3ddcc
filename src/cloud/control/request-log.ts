import type { LoggedRequest } from '../../api';
import { matchesPathPattern } from './path-pattern';

export interface RequestLogFilter {
  readonly method?: string;
  /** Exact, or a prefix when it ends in `*`. */
  readonly path?: string;
  readonly status?: number;
  readonly apiKeyId?: string;
}

/** How many requests the log keeps by default; older ones fall out first. */
export const DEFAULT_REQUEST_LOG_SIZE = 1000;

/**
 * The last `capacity` API requests, oldest first, in memory: what tests read back through
 * `GET /_local/requests` to see how a client retried. A ring buffer, so a long-running cloud stays small.
 */
export class RequestLog {
  private readonly entries: (LoggedRequest | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`the request log needs room for at least one request (got ${capacity})`);
    }
    this.entries = new Array<LoggedRequest | undefined>(capacity).fill(undefined);
  }

  record(entry: LoggedRequest): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** The kept requests that pass every given filter, oldest first. */
  list(filter: RequestLogFilter = {}): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i += 1) {
      const entry = this.entries[(start + i) % this.capacity];
      if (entry !== undefined && matches(entry, filter)) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}

function matches(entry: LoggedRequest, filter: RequestLogFilter): boolean {
  return (
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.path === undefined || matchesPathPattern(filter.path, entry.path)) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.apiKeyId === undefined || entry.api_key_id === filter.apiKeyId)
  );
}
