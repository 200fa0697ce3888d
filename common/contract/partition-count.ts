// Cells of the speed view's counters (live_counts and the quality counters in
// meta). Each Kafka partition has one writer at a time, so each counter keeps
// one cell per partition, qualifier `p<partition>`, holding an absolute value
// and the last offset that contributed to it:
//
//   count (int64, big-endian) | last offset (int64, big-endian)   = 16 bytes
//
// On a replay, a message at or below the stored offset was already counted and
// is skipped; readers add the cells of all partitions. No increments, so no
// double counting after a retried RPC.

import { int64FromBytes, writeInt64 } from './int64';
import { ContractError } from '../errors';

export interface PartitionCount {
  readonly count: bigint;
  /** The last offset counted; -1 when nothing was counted yet. */
  readonly lastOffset: bigint;
}

export const NO_OFFSET = -1n;
export const PARTITION_COUNT_BYTES = 16;

export function partitionQualifier(partition: number): string {
  if (!Number.isInteger(partition) || partition < 0) throw new ContractError(`invalid Kafka partition ${partition}`);
  return `p${partition}`;
}

export function parsePartitionQualifier(qualifier: string): number | undefined {
  const match = /^p(\d+)$/.exec(qualifier);
  return match ? Number(match[1]) : undefined;
}

/**
 * The HBase timestamp of a counter cell: its base (the bucket start of a live
 * count, 0 for a quality counter) plus its count. A cell's count only grows as
 * it absorbs offsets, so the fuller value always carries the higher timestamp
 * and HBase shows it whatever order the writes arrive in: the late write of a
 * zombie owner (frozen past its Kafka session) is shadowed instead of undoing
 * its successor's counts. Counts per partition and minute stay far below a
 * day, so the TTL still follows the event time.
 */
export function partitionCountTimestamp(baseMs: number, count: bigint): number {
  return baseMs + Number(count);
}

export function encodePartitionCount(value: PartitionCount): Buffer {
  const cell = Buffer.allocUnsafe(16); // every byte written below
  writeInt64(cell, value.count, 0);
  writeInt64(cell, value.lastOffset, 8);
  return cell;
}

export function decodePartitionCount(cell: Buffer): PartitionCount {
  if (cell.length !== 16) throw new ContractError(`partition count cell must be 16 bytes, got ${cell.length}`);
  return { count: int64FromBytes(cell, 0), lastOffset: int64FromBytes(cell, 8) };
}

/** The sum a reader shows: every partition's absolute count added up. */
export function sumPartitionCounts(cells: Iterable<Buffer>): bigint {
  let total = 0n;
  for (const cell of cells) total += decodePartitionCount(cell).count;
  return total;
}
