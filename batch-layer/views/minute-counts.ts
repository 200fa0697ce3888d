// The live-count truth of a day in the speed view's layout: per count cell
// (a pair of count-pairs.ts, a granularity and a bucket) and Kafka partition,
// the count and the last offset. A cell is found by a number, (pair,
// granularity, bucket), in a hash table of typed arrays (slot-table.ts); flat typed arrays hold the figures, one
// pair of columns per partition indexed by the cell's slot: 12 bytes a cell.
// At 10 M events a day the ALL_LOCATIONS truth alone holds about 5 M cells
// (1,440 minutes x 300 items x 12 partitions).

import { BUCKET_MS, countRowKey, int64FromBytes, type CountGranularity, type CountKey, type CountScope } from '../../common/contract';
import { ContractError } from '../../common/errors';
import { CountPairs } from './count-pairs';
import { SlotTable } from './slot-table';

export interface PartitionFigure {
  readonly count: number;
  readonly lastOffset: bigint;
}

export interface MinuteCell {
  readonly slot: number;
  readonly partition: number;
  readonly figure: PartitionFigure;
}

/** Granularities by index, as cells number them. */
export const GRANULARITIES: readonly CountGranularity[] = ['minute', 'hour', 'day'];
export const MINUTE = 0;
export const HOUR = 1;
export const DAY = 2;

interface PartitionColumns {
  counts: Int32Array;
  lastOffsets: BigInt64Array;
}

const INITIAL_SLOTS = 1024;
/** Buckets of one granularity are numbered from the first one seen, within ±2^20 of it (two years of minutes). */
const HALF_SPAN = 2 ** 20;
const SPAN = 2 * HALF_SPAN;
/** Count row keys: scope byte, location (8 bytes), bucket (4 bytes), then the item's UTF-8 bytes. */
const BUCKET_AT = 9;
const HEADER = 13;
/** Item names one scan remembers: a location's items (300 in the bench); rows beyond are resolved one by one. */
const SCAN_ITEMS = 65_536;

/** Scope byte of a count row key -> granularity index and scope (count-key.ts). */
const SCOPE_OF_BYTE = new Map<number, { readonly g: number; readonly scope: CountScope }>(
  GRANULARITIES.flatMap((granularity, g) =>
    (['item', 'total'] as const).map((scope) => {
      const byte = countRowKey({ granularity, scope, locationOid: 1n, bucketStartMs: 0, itemName: '' })[0] as number;
      return [byte, { g, scope }] as const;
    }),
  ),
);

export class MinuteCounts {
  private readonly slots = new SlotTable();
  private readonly bases: (number | undefined)[] = [undefined, undefined, undefined];
  private readonly columns = new Map<number, PartitionColumns>();
  private pairOf = new Int32Array(INITIAL_SLOTS);
  private granularityOf = new Uint8Array(INITIAL_SLOTS);
  private bucketOf = new Float64Array(INITIAL_SLOTS);
  private length = 0;
  private capacity = INITIAL_SLOTS;

  constructor(readonly pairs: CountPairs = new CountPairs()) {}

  /** Cells held. */
  get size(): number {
    return this.length;
  }

  /** Counts one row of `partition` at `offset` in the cell of a pair, granularity index and bucket number. */
  add(pair: number, g: number, bucket: number, partition: number, offset: bigint): void {
    const id = this.idOf(pair, g, bucket, true) as number;
    const slot = this.slots.getOrAdd(id);
    if (slot === this.length) {
      this.length++;
      if (slot === this.capacity) this.grow();
      this.pairOf[slot] = pair;
      this.granularityOf[slot] = g;
      this.bucketOf[slot] = bucket;
    }
    const column = this.columnsOf(partition);
    const count = column.counts[slot] as number;
    column.counts[slot] = count + 1;
    if (count === 0 || offset > (column.lastOffsets[slot] as bigint)) column.lastOffsets[slot] = offset;
  }

  /** Counts one row under a count row key given whole (tests, small callers). */
  addKey(key: CountKey, partition: number, offset: bigint): void {
    const pair = key.scope === 'item' ? this.pairs.itemPair(key.locationOid, key.itemName) : this.pairs.totalPair(key.locationOid);
    const g = GRANULARITIES.indexOf(key.granularity);
    this.add(pair, g, Math.floor(key.bucketStartMs / BUCKET_MS[key.granularity]), partition, offset);
  }

  slotOf(pair: number, g: number, bucket: number): number | undefined {
    const id = this.idOf(pair, g, bucket, false);
    return id === undefined ? undefined : this.slots.get(id);
  }

  /** The slot of an HBase count row key, undefined if the truth has no such cell. */
  slotOfRow(row: Buffer): number | undefined {
    if (row.length < HEADER) return undefined;
    const kind = SCOPE_OF_BYTE.get(row[0] as number);
    if (!kind) return undefined;
    const location = int64FromBytes(row, 1);
    const pair = kind.scope === 'item' ? this.itemPairOfRow(location, row) : this.pairs.find(location, 'total', '');
    if (pair === undefined) return undefined;
    if (kind.scope === 'total' && row.length !== HEADER) return undefined;
    return this.slotOf(pair, kind.g, row.readUInt32BE(BUCKET_AT));
  }

  /**
   * The slot of each row key one range scan meets (one location, scope and
   * granularity, countScanRange): rows under that prefix name their pair by
   * their item bytes alone, looked up by their latin1 form (one character per
   * byte, so equal strings are equal bytes) in a map of the scan's own. A row
   * costs no UTF-8 decoding, bigint or byte comparison; any other row takes
   * slotOfRow's path.
   */
  scanSlots(location: bigint, scope: CountScope, granularity: CountGranularity): (row: Buffer) => number | undefined {
    const g = GRANULARITIES.indexOf(granularity);
    const prefix = countRowKey({ granularity, scope, locationOid: location, bucketStartMs: 0, itemName: '' }).subarray(0, BUCKET_AT);
    const total = scope === 'total' ? this.pairs.find(location, 'total', '') : undefined;
    const itemPairs = new Map<string, number | undefined>();
    return (row) => {
      if (row.length < HEADER || row.compare(prefix, 0, BUCKET_AT, 0, BUCKET_AT) !== 0) return this.slotOfRow(row);
      let pair = total;
      if (scope === 'item') {
        const bytes = row.toString('latin1', HEADER);
        pair = itemPairs.get(bytes);
        if (pair === undefined && !itemPairs.has(bytes)) {
          pair = this.itemPairOfRow(location, row);
          if (itemPairs.size < SCAN_ITEMS) itemPairs.set(bytes, pair);
        }
      } else if (row.length !== HEADER) return undefined;
      return pair === undefined ? undefined : this.slotOf(pair, g, row.readUInt32BE(BUCKET_AT));
    };
  }

  /** The item pair a count row key of `location` names by its item bytes, undefined if none. */
  private itemPairOfRow(location: bigint, row: Buffer): number | undefined {
    const pair = this.pairs.find(location, 'item', row.toString('utf8', HEADER));
    // Bytes that are not UTF-8 decode to U+FFFD: only the very bytes name the pair.
    return pair !== undefined && this.pairs.itemKeyBytes(pair).equals(row.subarray(HEADER)) ? pair : undefined;
  }

  /** The figure of a slot's partition, undefined if no row of that partition was counted there. */
  figure(slot: number, partition: number): PartitionFigure | undefined {
    const column = this.columns.get(partition);
    const count = column?.counts[slot] ?? 0;
    return column && count > 0 ? { count, lastOffset: column.lastOffsets[slot] as bigint } : undefined;
  }

  /** The count of a slot's partition, 0 if no row of that partition was counted there. */
  countOf(slot: number, partition: number): number {
    return this.columns.get(partition)?.counts[slot] ?? 0;
  }

  /** Rows counted in a slot, all partitions together. */
  rowsOf(slot: number): number {
    let rows = 0;
    for (const column of this.columns.values()) rows += column.counts[slot] as number;
    return rows;
  }

  pairOfSlot(slot: number): number {
    return this.pairOf[slot] as number;
  }

  granularityOfSlot(slot: number): number {
    return this.granularityOf[slot] as number;
  }

  bucketStartMs(slot: number): number {
    return (this.bucketOf[slot] as number) * BUCKET_MS[GRANULARITIES[this.granularityOf[slot] as number] as CountGranularity];
  }

  /** The count row key of a slot (count-key.ts). */
  rowKey(slot: number): Buffer {
    const g = GRANULARITIES[this.granularityOf[slot] as number] as CountGranularity;
    return this.pairs.rowKey(this.pairOf[slot] as number, g, this.bucketStartMs(slot));
  }

  /** Every counted cell, partition by partition. */
  *cells(): Generator<MinuteCell> {
    for (const [partition, column] of this.columns) {
      for (let slot = 0; slot < this.length; slot++) {
        const count = column.counts[slot] as number;
        if (count > 0) yield { slot, partition, figure: { count, lastOffset: column.lastOffsets[slot] as bigint } };
      }
    }
  }

  partitions(): number[] {
    return [...this.columns.keys()];
  }

  /** One number per cell: (pair, granularity) then the bucket's distance from the granularity's first bucket. */
  private idOf(pair: number, g: number, bucket: number, adding: boolean): number | undefined {
    let base = this.bases[g];
    if (base === undefined) {
      if (!adding) return undefined;
      this.bases[g] = base = bucket;
    }
    const at = bucket - base + HALF_SPAN;
    if (at < 0 || at >= SPAN) {
      if (!adding) return undefined;
      throw new ContractError(`count bucket ${bucket} too far from the truth's first bucket ${base}`);
    }
    return (pair * GRANULARITIES.length + g) * SPAN + at;
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
      column.counts = grown(column.counts, new Int32Array(this.capacity));
      column.lastOffsets = grown(column.lastOffsets, new BigInt64Array(this.capacity));
    }
    this.pairOf = grown(this.pairOf, new Int32Array(this.capacity));
    this.granularityOf = grown(this.granularityOf, new Uint8Array(this.capacity));
    this.bucketOf = grown(this.bucketOf, new Float64Array(this.capacity));
  }
}

function grown<T extends Int32Array | Uint8Array | Float64Array | BigInt64Array>(from: T, to: T): T {
  (to as Int32Array).set(from as Int32Array);
  return to;
}
