// Aggregates of deduplicated rows for the batch views, keyed the way HBase
// stores them (count-key.ts row keys as latin1 strings, so equal keys meet):
//   hour: item and total scope per location and for ALL_LOCATIONS -> count
//   minute (the speed view's layout): per row key, per Kafka partition -> count and last offset (minute-counts.ts)
//   rollup: the same for the speed view's hour and day roll-ups (live_rollups)
//   items per location -> count, for the top-X
// One accumulator per location bucket for per-location figures; a shared one
// for the ALL_LOCATIONS rows (bounded by hours/minutes x items x partitions).

import { ALL_LOCATIONS, bucketStart, countRowKey, type CountGranularity, type CountScope } from '../../common/contract';
import type { WarehouseRow } from '../schema/warehouse-schema';
import { MinuteCounts } from './minute-counts';

export class ViewAccumulator {
  readonly hour = new Map<string, number>();
  readonly minute = new MinuteCounts();
  readonly rollup = new MinuteCounts();
  readonly items = new Map<bigint, Map<string, number>>();
  readonly names = new Map<bigint, string | null>();
  private readonly keyCache = new Map<string, string>();

  addRow(row: WarehouseRow, withLocation: boolean, withAll: boolean): void {
    const locations: bigint[] = [];
    if (withLocation) locations.push(row.geographicalLocationOid);
    if (withAll) locations.push(ALL_LOCATIONS);
    if (withLocation) {
      this.names.set(row.geographicalLocationOid, row.geographicalLocation);
      let items = this.items.get(row.geographicalLocationOid);
      if (!items) this.items.set(row.geographicalLocationOid, (items = new Map<string, number>()));
      items.set(row.itemName, (items.get(row.itemName) ?? 0) + 1);
    }
    const hourMs = bucketStart(row.timestampDetected, 'hour');
    const minuteMs = bucketStart(row.timestampDetected, 'minute');
    const dayMs = bucketStart(row.timestampDetected, 'day');
    for (const location of locations) {
      for (const scope of ['item', 'total'] as const) {
        const hourKey = this.key('hour', scope, location, hourMs, row.itemName);
        this.hour.set(hourKey, (this.hour.get(hourKey) ?? 0) + 1);
        this.minute.add(this.key('minute', scope, location, minuteMs, row.itemName), row.partition, row.offset);
        this.rollup.add(hourKey, row.partition, row.offset);
        this.rollup.add(this.key('day', scope, location, dayMs, row.itemName), row.partition, row.offset);
      }
    }
  }

  private key(granularity: CountGranularity, scope: CountScope, locationOid: bigint, bucketStartMs: number, item: string): string {
    const id = `${granularity}|${scope}|${locationOid}|${bucketStartMs}|${scope === 'item' ? item : ''}`;
    let key = this.keyCache.get(id);
    if (key === undefined) {
      key = countRowKey({ granularity, scope, locationOid, bucketStartMs, itemName: scope === 'item' ? item : '' }).toString('latin1');
      if (this.keyCache.size < 100_000) this.keyCache.set(id, key);
    }
    return key;
  }
}
