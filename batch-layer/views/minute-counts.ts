// The live-count truth of a day in the speed view's layout: per count row key
// (a latin1 string, count-key.ts) and Kafka partition, the count and the last
// offset. Flat typed arrays, one pair of columns per partition indexed by the
// row key's slot: 12 bytes a cell, where a Map per key of objects holding a
// bigint cost about ten times that. At 10 M events a day the ALL_LOCATIONS
// truth alone holds about 5 M cells (1,440 minutes x 300 items x 12 partitions).

export interface PartitionFigure {
  readonly count: number;
  readonly lastOffset: bigint;
}

export interface MinuteCell {
  readonly slot: number;
  readonly key: string;
  readonly partition: number;
  readonly figure: PartitionFigure;
}

interface PartitionColumns {
  counts: Int32Array;
  lastOffsets: BigInt64Array;
}

const INITIAL_SLOTS = 1024;

export class MinuteCounts {
  private readonly slots = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly columns = new Map<number, PartitionColumns>();
  private capacity = INITIAL_SLOTS;

  /** Row keys held. */
  get size(): number {
    return this.keys.length;
  }

  /** Counts one row of `partition` at `offset` under the row key. */
  add(key: string, partition: number, offset: bigint): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      if (slot === this.capacity) this.grow();
      this.slots.set(key, slot);
      this.keys.push(key);
    }
    const column = this.columnsOf(partition);
    const count = column.counts[slot] as number;
    column.counts[slot] = count + 1;
    if (count === 0 || offset > (column.lastOffsets[slot] as bigint)) column.lastOffsets[slot] = offset;
  }

  slotOf(key: string): number | undefined {
    return this.slots.get(key);
  }

  /** The figure of a slot's partition, undefined if no row of that partition was counted there. */
  figure(slot: number, partition: number): PartitionFigure | undefined {
    const column = this.columns.get(partition);
    const count = column?.counts[slot] ?? 0;
    return column && count > 0 ? { count, lastOffset: column.lastOffsets[slot] as bigint } : undefined;
  }

  /** Every counted cell, partition by partition. */
  *cells(): Generator<MinuteCell> {
    for (const [partition, column] of this.columns) {
      for (let slot = 0; slot < this.keys.length; slot++) {
        const count = column.counts[slot] as number;
        if (count > 0)
          yield { slot, key: this.keys[slot] as string, partition, figure: { count, lastOffset: column.lastOffsets[slot] as bigint } };
      }
    }
  }

  partitions(): number[] {
    return [...this.columns.keys()];
  }

  private columnsOf(partition: number): PartitionColumns {
    let column = this.columns.get(partition);
    if (!column) {
      column = { counts: new Int32Array(this.capacity), lastOffsets: new BigInt64Array(this.capacity) };
      this.columns.set(partition, column);
    }
    return column;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const column of this.columns.values()) {
      const counts = new Int32Array(this.capacity);
      counts.set(column.counts);
      const lastOffsets = new BigInt64Array(this.capacity);
      lastOffsets.set(column.lastOffsets);
      column.counts = counts;
      column.lastOffsets = lastOffsets;
    }
  }
}
