/**
 * The `grpc-timeout` request header: at most eight ASCII digits and a unit (H, M, S, m, u, n), the time the
 * client allows for the call (gRPC over HTTP/2, "Requests").
 */
import { GrpcFramingError } from './errors';

const UNIT_MS: Readonly<Record<string, number>> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 0.001,
  n: 0.000_001,
};

/** Milliseconds, or undefined when the header is absent. Refuses a value that does not follow the grammar. */
export function parseGrpcTimeout(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(\d{1,8})([HMSmun])$/.exec(header);
  const unit = match?.[2];
  if (match === null || unit === undefined) throw new GrpcFramingError(`invalid grpc-timeout: ${header}`);
  return Number(match[1]) * UNIT_MS[unit]!;
}
