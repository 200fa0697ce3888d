// Aggregates of deduplicated rows for the batch views, in the speed view's
// layout (count-key.ts row keys, built only when written or compared):
//   minute: per cell, per Kafka partition -> count and last offset (minute-counts.ts)
//   rollup: the same for the speed view's hour and day roll-ups (live_rollups);
//           its hour cells summed over partitions are also the batch view's hour counts
//   items per location -> count, for the top-X
// One accumulator per location bucket for per-location figures; a shared one
// for the ALL_LOCATIONS rows (bounded by hours/minutes x items x partitions).
// A row costs two pair look-ups and six numeric Map look-ups, no string built.

import { ALL_LOCATIONS, BUCKET_MS, type CountScope } from '../../common/contract';
import type { WarehouseRow } from '../schema/warehouse-schema';
import { CountPairs } from './count-pairs';
import { DAY, HOUR, MINUTE, MinuteCounts } from './minute-counts';

/** One hour cell of the batch view. */
export interface HourCell {
  readonly locationOid: bigint;
  readonly scope: CountScope;
  readonly hourStartMs: number;
  readonly itemName: string;
  readonly count: number;
}

export class ViewAccumulator {
  readonly pairs = new CountPairs();
  readonly minute = new MinuteCounts(this.pairs);
  readonly rollup = new MinuteCounts(this.pairs);
  readonly names = new Map<bigint, string | null>();

  addRow(row: WarehouseRow, withLocation: boolean, withAll: boolean): void {
    const ts = row.timestampDetected;
    const minute = Math.floor(ts / BUCKET_MS.minute);
    const hour = Math.floor(ts / BUCKET_MS.hour);
    const day = Math.floor(ts / BUCKET_MS.day);
    if (withLocation) {
      this.names.set(row.geographicalLocationOid, row.geographicalLocation);
      this.addCells(row, row.geographicalLocationOid, minute, hour, day);
    }
    if (withAll) this.addCells(row, ALL_LOCATIONS, minute, hour, day);
  }

  /** Per location (those added with `withLocation`), its items' row counts. */
  get items(): Map<bigint, Map<string, number>> {
    const items = new Map<bigint, Map<string, number>>();
    for (const location of this.names.keys()) items.set(location, new Map());
    for (let pair = 0; pair < this.pairs.size; pair++) {
      if (this.pairs.scopes[pair] !== 'item') continue;
      items.get(this.pairs.locations[pair] as bigint)?.set(this.pairs.items[pair] as string, this.pairs.rows[pair] as number);
    }
    return items;
  }

  /** The batch view's hour cells (item and total scope): the roll-up's hour cells, all partitions together. */
  *hourCells(): Generator<HourCell> {
    const { rollup, pairs } = this;
    for (let slot = 0; slot < rollup.size; slot++) {
      if (rollup.granularityOfSlot(slot) !== HOUR) continue;
      const pair = rollup.pairOfSlot(slot);
      yield {
        locationOid: pairs.locations[pair] as bigint,
        scope: pairs.scopes[pair] as CountScope,
        hourStartMs: rollup.bucketStartMs(slot),
        itemName: pairs.items[pair] as string,
        count: rollup.rowsOf(slot),
      };
    }
  }

  /** The batch view's hour rows (count-key.ts) and their counts. */
  *hourRows(): Generator<{ readonly row: Buffer; readonly count: number }> {
    const { rollup } = this;
    for (let slot = 0; slot < rollup.size; slot++)
      if (rollup.granularityOfSlot(slot) === HOUR) yield { row: rollup.rowKey(slot), count: rollup.rowsOf(slot) };
  }

  /** Whether the batch view's hour row `row` is one of this accumulator's. */
  hasHourRow(row: Buffer): boolean {
    const slot = this.rollup.slotOfRow(row);
    return slot !== undefined && this.rollup.granularityOfSlot(slot) === HOUR;
  }

  private addCells(row: WarehouseRow, location: bigint, minute: number, hour: number, day: number): void {
    const { partition, offset } = row;
    const item = this.pairs.itemPair(location, row.itemName);
    const total = this.pairs.totalPair(location);
    this.pairs.countRow(item);
    this.minute.add(item, MINUTE, minute, partition, offset);
    this.minute.add(total, MINUTE, minute, partition, offset);
    this.rollup.add(item, HOUR, hour, partition, offset);
    this.rollup.add(item, DAY, day, partition, offset);
    this.rollup.add(total, HOUR, hour, partition, offset);
    this.rollup.add(total, DAY, day, partition, offset);
  }
}
