// The speed view's hour and day roll-ups of minute cells, per Kafka partition
// (count summed, last offset the highest), as the speed layer keeps them in
// live_rollups: for the seeders of tests and benchmarks that write minute
// cells directly.

import { bucketStart, countRowKey, type CountGranularity } from '../../common/contract';
import type { CountCell } from './view-seeder';

export type PartitionCells = Map<number, { count: bigint; lastOffset: bigint }>;

export class RollupCells {
  private readonly cells = new Map<string, { key: CountCell; byPartition: PartitionCells }>();

  constructor(private readonly granularities: readonly CountGranularity[] = ['hour', 'day']) {}

  /** Adds the partitions of one minute cell to its hour and day roll-ups. */
  addMinute(key: CountCell, byPartition: ReadonlyMap<number, { count: bigint; lastOffset: bigint }>): void {
    for (const granularity of this.granularities) {
      const rolled: CountCell = { ...key, granularity, bucketStartMs: bucketStart(key.bucketStartMs, granularity) };
      const id = countRowKey(rolled).toString('latin1');
      let entry = this.cells.get(id);
      if (!entry) this.cells.set(id, (entry = { key: rolled, byPartition: new Map() }));
      for (const [partition, value] of byPartition) {
        const sum = entry.byPartition.get(partition);
        if (!sum) entry.byPartition.set(partition, { ...value });
        else
          entry.byPartition.set(partition, {
            count: sum.count + value.count,
            lastOffset: value.lastOffset > sum.lastOffset ? value.lastOffset : sum.lastOffset,
          });
      }
    }
  }

  list(): { key: CountCell; byPartition: PartitionCells }[] {
    return [...this.cells.values()];
  }

  clear(): void {
    this.cells.clear();
  }
}
