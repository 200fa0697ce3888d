// Corrects the speed view's live counts of a closed day against the
// warehouse: the minute counts (live_counts) and their hour and day roll-ups
// (live_rollups). The speed layer keeps one absolute cell per Kafka partition
// (partition-count.ts); the truth is recomputed per partition from the
// warehouse rows' lineage. A drifted cell is rewritten with checkAndPut
// against the very value read, so a concurrent speed-layer write is never
// clobbered (on a lost race the cell is read again and re-checked). Before it
// creates a cell the speed layer never wrote, it raises that partition's count
// horizon over the day, as every writer of counter cells does
// (common/contract/count-horizon.ts): the partition's next owner then reads
// the cell instead of taking it as empty.

import {
  countHorizonPut,
  countScanRange,
  dayRange,
  decodeCountRowKey,
  decodePartitionCount,
  encodePartitionCount,
  FAMILIES,
  liveCountsTableName,
  liveRollupsTableName,
  metaTableName,
  parsePartitionQualifier,
  partitionCountTimestamp,
  partitionQualifier,
  type CountGranularity,
  type CountScope,
  type PartitionCount,
} from '../../common/contract';
import { cellValue, type HBaseTables } from '../../common/hbase';
import type { LiveCountTruth } from '../views/build-views';
import type { MinuteCounts, PartitionFigure } from '../views/minute-counts';
import { UtopiaError } from '../../common/errors';

export interface CountCorrection {
  readonly locationOid: string;
  readonly scope: CountScope;
  /** Start of the cell's bucket (a minute, or the hour or day of a roll-up), ISO 8601. */
  readonly minute: string;
  readonly granularity: CountGranularity;
  readonly itemName: string;
  readonly partition: number;
  readonly before: string | null;
  readonly after: string;
}

export interface CellReconciliation {
  cellsChecked: number;
  cellsCorrected: number;
  corrections: CountCorrection[];
}

/** The minute cells' figures, and apart from them those of the hour and day roll-ups. */
export interface CountReconciliation extends CellReconciliation {
  rollups?: CellReconciliation;
}

const LIST_LIMIT = 200;

/** The minute cells of `locations`, then their roll-ups when `out.rollups` is kept: the views' count hook. */
export async function reconcileLiveCounts(
  hbase: HBaseTables,
  namespace: string,
  day: string,
  locations: readonly bigint[],
  truth: LiveCountTruth,
  out: CountReconciliation,
): Promise<void> {
  await reconcileMinuteCounts(hbase, namespace, locations, day, truth.minute, out);
  if (out.rollups) await reconcileRollups(hbase, namespace, locations, day, truth.rollup, out.rollups);
}

export function reconcileMinuteCounts(
  hbase: HBaseTables,
  namespace: string,
  locations: Iterable<bigint>,
  day: string,
  truth: MinuteCounts,
  out: CellReconciliation,
): Promise<void> {
  return reconcileLiveCells(
    hbase,
    { cells: liveCountsTableName(namespace), meta: metaTableName(namespace) },
    ['minute'],
    locations,
    day,
    truth,
    out,
  );
}

/** The hour and day roll-ups; `truth` holds their row keys (count-key.ts, granularity hour and day). */
export function reconcileRollups(
  hbase: HBaseTables,
  namespace: string,
  locations: Iterable<bigint>,
  day: string,
  truth: MinuteCounts,
  out: CellReconciliation,
): Promise<void> {
  return reconcileLiveCells(
    hbase,
    { cells: liveRollupsTableName(namespace), meta: metaTableName(namespace) },
    ['hour', 'day'],
    locations,
    day,
    truth,
    out,
  );
}

async function reconcileLiveCells(
  hbase: HBaseTables,
  tables: { readonly cells: string; readonly meta: string },
  granularities: readonly CountGranularity[],
  locations: Iterable<bigint>,
  day: string,
  truth: MinuteCounts,
  out: CellReconciliation,
): Promise<void> {
  const table = tables.cells;
  const { startMs, endMs } = dayRange(day);
  // The truth cells the scans met: one byte per row key and partition.
  const seen = new Map(truth.partitions().map((partition) => [partition, new Uint8Array(truth.size)]));
  // Corrections run CONCURRENCY at a time: each is one checkAndPut round trip.
  const pending: (() => Promise<void>)[] = [];
  // One range scan per location, scope and granularity, SCANS at a time: each is a few round trips, mostly waiting.
  const scans: (() => Promise<void>)[] = [];
  for (const location of locations) {
    for (const granularity of granularities) {
      for (const scope of ['item', 'total'] as CountScope[]) {
        scans.push(async () => {
          const { startRow, stopRow } = countScanRange(granularity, scope, location, startMs, endMs);
          const slotOfRow = truth.scanSlots(location, scope, granularity);
          for await (const row of hbase.scan(table, { start: startRow, stop: stopRow, families: [FAMILIES.liveCounts], caching: 5000 })) {
            const slot = slotOfRow(row.key);
            for (const cell of row.cells) {
              const partition = partitionOf(cell.qualifier);
              if (partition === undefined) continue;
              out.cellsChecked++;
              const count = slot === undefined ? 0 : truth.countOf(slot, partition);
              if (count > 0) (seen.get(partition) as Uint8Array)[slot as number] = 1;
              if (!holdsCount(cell.value, count)) {
                const expected = slot === undefined ? undefined : truth.figure(slot, partition);
                pending.push(() => correct(hbase, table, row.key, partition, cell.value, expected, out));
              }
            }
          }
        });
      }
    }
  }
  await runPool(scans, SCANS);
  const creating = new Set<number>();
  for (const { slot, partition, figure } of truth.cells()) {
    if ((seen.get(partition) as Uint8Array)[slot] === 1) continue;
    out.cellsChecked++;
    creating.add(partition);
    pending.push(() => correct(hbase, table, truth.rowKey(slot), partition, null, figure, out));
  }
  if (creating.size > 0) {
    // A stored horizon already beyond the day stays: the HBase timestamp of a horizon is its value.
    await hbase.put(tables.meta, countHorizonPut([...creating].map((partition) => [partitionQualifier(partition), endMs - 1] as const)));
  }
  await runPool(pending, CONCURRENCY);
}

/** Partition of a live-count qualifier ("p7"), undefined for other qualifiers; the few qualifiers are parsed once. */
const partitions = new Map<string, number | undefined>();
function partitionOf(qualifier: string): number | undefined {
  if (partitions.has(qualifier)) return partitions.get(qualifier);
  const partition = parsePartitionQualifier(qualifier);
  if (partitions.size < 4096) partitions.set(qualifier, partition);
  return partition;
}

/** Whether a partition-count cell holds `count` (>= 0, < 2^31): two 32-bit reads, no bigint; a malformed cell throws as before. */
function holdsCount(value: Buffer, count: number): boolean {
  if (value.length !== 16) return decodePartitionCount(value).count === BigInt(count);
  return value.readInt32BE(0) === 0 && value.readUInt32BE(4) === count;
}

const CONCURRENCY = 32;
const SCANS = 16;

export async function runPool(tasks: readonly (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}

async function correct(
  hbase: HBaseTables,
  table: string,
  row: Buffer,
  partition: number,
  read: Buffer | null,
  truth: PartitionFigure | undefined,
  out: CellReconciliation,
): Promise<void> {
  const qualifier = partitionQualifier(partition);
  const key = decodeCountRowKey(row);
  let current = read;
  for (let attempt = 0; attempt < 5; attempt++) {
    const old = current ? decodePartitionCount(current) : undefined;
    const count = BigInt(truth?.count ?? 0);
    if (old && old.count === count) return; // someone fixed it meanwhile
    const lastOffset =
      old && truth
        ? old.lastOffset > truth.lastOffset
          ? old.lastOffset
          : truth.lastOffset
        : (old?.lastOffset ?? truth?.lastOffset ?? -1n);
    const value = encodePartitionCount({ count, lastOffset });
    const ok = await hbase.checkAndPut(
      table,
      { family: FAMILIES.liveCounts, qualifier, value: current },
      { row, cells: [{ family: FAMILIES.liveCounts, qualifier, value, timestamp: correctionTimestamp(key.bucketStartMs, old, count) }] },
    );
    if (ok) {
      out.cellsCorrected++;
      if (out.corrections.length < LIST_LIMIT) {
        out.corrections.push({
          locationOid: key.locationOid.toString(),
          scope: key.scope,
          minute: new Date(key.bucketStartMs).toISOString(),
          granularity: key.granularity,
          itemName: key.itemName,
          partition,
          before: old ? old.count.toString() : null,
          after: count.toString(),
        });
      }
      return;
    }
    current = cellValue(await hbase.get(table, row, { families: [FAMILIES.liveCounts] }), FAMILIES.liveCounts, qualifier) ?? null;
  }
  throw new UtopiaError(`live count ${row.toString('hex')}/${qualifier} kept changing; not corrected`);
}

/** A correction must shadow the drifted value, even a larger one (see partitionCountTimestamp). */
function correctionTimestamp(bucketStartMs: number, old: PartitionCount | undefined, count: bigint): number {
  return partitionCountTimestamp(bucketStartMs, old && old.count >= count ? old.count + 1n : count);
}
