/**
 * The msgpack value codec per call: one `lightyear_ssh_key`-sized object (five string attributes, as a
 * PlanResourceChange carries three to four of them) encoded and decoded many times. Prints microseconds per
 * object (CPU time); a 200-resource plan encodes and decodes about 1,600 of them.
 *
 *   node --import tsx bench/value-codec.ts [iterations]
 */
import {
  ctyObject,
  ctyString,
  decodeMsgpackValue,
  encodeMsgpackValue,
} from '../src/provider/protocol/values';
import { printTable } from './stats';

const type = ctyObject({
  id: ctyString,
  name: ctyString,
  public_key: ctyString,
  fingerprint: ctyString,
  created_at: ctyString,
});
const value = {
  id: 'sshk_2bX9q7LmNp4RtY8vWz',
  name: 'bench-123',
  public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bench-123',
  fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
  created_at: '2026-12-02T18:00:00Z',
};

/** CPU time (user + system) rather than wall time: on a shared machine other processes inflate the latter. */
function timePerOp(iterations: number, op: () => void): number {
  for (let i = 0; i < Math.min(iterations, 2000); i++) op(); // warm up the JIT
  const started = process.cpuUsage();
  for (let i = 0; i < iterations; i++) op();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / iterations;
}

const iterations = Number(process.argv[2] ?? 50_000);
const bytes = encodeMsgpackValue(value, type);
printTable(
  ['operation', 'iterations', 'CPU µs per object'],
  [
    ['encode', iterations, timePerOp(iterations, () => encodeMsgpackValue(value, type)).toFixed(2)],
    ['decode', iterations, timePerOp(iterations, () => decodeMsgpackValue(bytes, type)).toFixed(2)],
  ],
);
