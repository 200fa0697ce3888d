// The benchmark's data set: a full day of speed-view minutes ending now and
// the batch view of yesterday, for `locations` locations with `items` items
// each, counts scaled to 10,000 events/s over 10,000 locations (so one
// location sees about one event per second, the all-locations row 10,000).
// Each location's rows have the shape production has; only the number of
// locations is smaller, which leaves a single location's query cost as is.

import { ALL_LOCATIONS, bucketStart, eventDay } from '../../common/contract';
import { RollupCells } from './rollup-cells';
import type { CountCell, ViewSeeder } from './view-seeder';

export interface BenchData {
  readonly locations: readonly bigint[];
  readonly items: readonly string[];
  readonly yesterday: string;
  readonly todayStartMs: number;
  readonly nowMs: number;
  readonly speedRows: number;
  /** Hour and day roll-up rows of the speed view (live_rollups). */
  readonly speedRollupRows: number;
  readonly batchRows: number;
}

const EVENTS_PER_S = 10_000;
const REAL_LOCATIONS = 10_000;
const PARTITIONS = 12;

export async function seedBenchData(
  seeder: ViewSeeder,
  locationCount: number,
  itemCount: number,
  log: (line: string) => void,
): Promise<BenchData> {
  const nowMs = Date.now();
  const todayStartMs = Math.floor(nowMs / 86_400_000) * 86_400_000;
  const yesterdayStart = todayStartMs - 86_400_000;
  const locations = Array.from({ length: locationCount }, (_, i) => BigInt(100_000 + i));
  const items = Array.from({ length: itemCount }, (_, i) => `item-${String(i).padStart(3, '0')}`);
  // Item shares follow a Zipf-like curve, so top-X has a clear order with some ties.
  const weights = items.map((_, i) => 1 / (i + 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perLocationMinute = (EVENTS_PER_S * 60) / REAL_LOCATIONS;
  const perItem = (location: number, item: number, bucket: number) =>
    BigInt(
      Math.max(
        0,
        Math.round(((perLocationMinute * (weights[item] ?? 0)) / weightSum) * (0.6 + ((location * 7 + item * 13 + bucket) % 9) / 10)),
      ),
    );

  let speedRows = 0;
  const rollups = new RollupCells();
  const lastMinute = bucketStart(nowMs, 'minute');
  for (let minute = lastMinute - 1439 * 60_000; minute <= lastMinute; minute += 60 * 60_000) {
    const cells: { key: CountCell; byPartition: Map<number, { count: bigint; lastOffset: bigint }> }[] = [];
    for (let m = minute; m < Math.min(minute + 60 * 60_000, lastMinute + 60_000); m += 60_000) {
      const allItems = new Map<string, bigint>();
      let all = 0n;
      locations.forEach((location, l) => {
        let total = 0n;
        items.forEach((itemName, i) => {
          const count = perItem(l, i, m / 60_000);
          total += count;
          allItems.set(itemName, (allItems.get(itemName) ?? 0n) + count * BigInt(REAL_LOCATIONS / locationCount));
          cells.push(speedCell({ granularity: 'minute', scope: 'item', locationOid: location, bucketStartMs: m, itemName }, count));
        });
        all += total;
        cells.push(speedCell({ granularity: 'minute', scope: 'total', locationOid: location, bucketStartMs: m, itemName: '' }, total));
      });
      for (const [itemName, count] of allItems)
        cells.push(speedCell({ granularity: 'minute', scope: 'item', locationOid: ALL_LOCATIONS, bucketStartMs: m, itemName }, count));
      cells.push(
        speedCell(
          { granularity: 'minute', scope: 'total', locationOid: ALL_LOCATIONS, bucketStartMs: m, itemName: '' },
          all * BigInt(REAL_LOCATIONS / locationCount),
        ),
      );
    }
    await seeder.putSpeedCells(cells);
    for (const { key, byPartition } of cells) rollups.addMinute(key, byPartition);
    speedRows += cells.length;
    log(`speed view: ${speedRows} rows`);
  }
  const rollupCells = rollups.list();
  await seeder.putSpeedCells(rollupCells);
  log(`speed view roll-ups: ${rollupCells.length} rows (hours and days)`);

  const batch: { key: CountCell; count: bigint }[] = [];
  for (let hour = yesterdayStart; hour < todayStartMs; hour += 3_600_000) {
    locations.forEach((location, l) => {
      let total = 0n;
      items.forEach((itemName, i) => {
        let count = 0n;
        for (let m = 0; m < 60; m++) count += perItem(l, i, hour / 60_000 + m);
        total += count;
        batch.push({ key: { granularity: 'hour', scope: 'item', locationOid: location, bucketStartMs: hour, itemName }, count });
      });
      batch.push({ key: { granularity: 'hour', scope: 'total', locationOid: location, bucketStartMs: hour, itemName: '' }, count: total });
    });
  }
  await seeder.putBatchCells(batch);
  await seeder.watermark(eventDay(yesterdayStart));
  log(`batch view: ${batch.length} rows`);
  return {
    locations,
    items,
    yesterday: eventDay(yesterdayStart),
    todayStartMs,
    nowMs,
    speedRows,
    speedRollupRows: rollupCells.length,
    batchRows: batch.length,
  };
}

/** Spreads a count over the 12 partitions' cells, as the speed layer's per-partition counters hold it. */
function speedCell(key: CountCell, count: bigint): { key: CountCell; byPartition: Map<number, { count: bigint; lastOffset: bigint }> } {
  const byPartition = new Map<number, { count: bigint; lastOffset: bigint }>();
  const share = count / BigInt(PARTITIONS);
  for (let p = 0; p < PARTITIONS; p++)
    byPartition.set(p, { count: p === 0 ? count - share * BigInt(PARTITIONS - 1) : share, lastOffset: BigInt(p) });
  return { key, byPartition };
}
