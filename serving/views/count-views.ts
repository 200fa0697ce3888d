// Reads the two count views from HBase (layouts in common/contract/count-key.ts):
// the speed view (live_counts, minute buckets, and live_rollups, their hour and
// day roll-ups; one cell per Kafka partition, summed) and the batch view
// (batch_views, hour buckets, one int64 cell "n").

import {
  BATCH_COUNT_QUALIFIER,
  batchViewsTableName,
  bucketStart,
  countRowKey,
  countScanRange,
  decodeBatchCount,
  decodeCountRowKey,
  BUCKET_MS,
  FAMILIES,
  liveCountsTableName,
  liveRollupsTableName,
  parsePartitionQualifier,
  sumPartitionCounts,
  type CountGranularity,
  type CountScope,
} from '../../common/contract';
import { sumSpeedReads } from './speed-sums';
import type { HBaseTables, Row } from '../../common/hbase';

export interface CountRow {
  readonly bucketMs: number;
  /** '' for scope total. */
  readonly itemName: string;
  readonly count: bigint;
}

/** The narrow reader the query code needs; tests may fake it. */
export interface CountViews {
  /** Batch view hour rows of one location (0 = all) in [fromMs, toMs); scope item returns every item. */
  batchRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]>;
  /** Speed view rows, same shape, of buckets of `granularity` (default minute; [fromMs, toMs) aligned to it). */
  speedRows(scope: CountScope, location: bigint, fromMs: number, toMs: number, granularity?: CountGranularity): Promise<CountRow[]>;
  /** Speed view rows of one item: point reads of its keys, not a scan of every item. */
  speedItemRows(location: bigint, itemName: string, fromMs: number, toMs: number, granularity?: CountGranularity): Promise<CountRow[]>;
  /** The speed view's sums over [fromMs, toMs) (minute-aligned), one row per item (bucketMs = fromMs), read from the roll-ups. */
  speedSums(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]>;
}

export class HBaseCountViews implements CountViews {
  private readonly batchTable: string;
  private readonly speedTable: string;
  private readonly rollupTable: string;

  constructor(
    private readonly store: HBaseTables,
    namespace: string,
    private readonly now: () => number = Date.now,
  ) {
    this.batchTable = batchViewsTableName(namespace);
    this.speedTable = liveCountsTableName(namespace);
    this.rollupTable = liveRollupsTableName(namespace);
  }

  async batchRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    const rows = await this.scanRange(this.batchTable, 'hour', scope, location, fromMs, toMs, FAMILIES.batchViews);
    return rows.map((row) => toCountRow(row, batchCount(row)));
  }

  async speedRows(
    scope: CountScope,
    location: bigint,
    fromMs: number,
    toMs: number,
    granularity: CountGranularity = 'minute',
  ): Promise<CountRow[]> {
    const rows = await this.scanRange(this.speedTableOf(granularity), granularity, scope, location, fromMs, toMs, FAMILIES.liveCounts);
    return rows.map((row) => toCountRow(row, speedCount(row)));
  }

  async speedItemRows(
    location: bigint,
    itemName: string,
    fromMs: number,
    toMs: number,
    granularity: CountGranularity = 'minute',
  ): Promise<CountRow[]> {
    const keys: Buffer[] = [];
    for (let ms = bucketStart(fromMs, granularity); ms < toMs; ms += BUCKET_MS[granularity]) {
      keys.push(countRowKey({ granularity, scope: 'item', locationOid: location, bucketStartMs: ms, itemName }));
    }
    const rows = await this.store.mget(this.speedTableOf(granularity), keys, { families: [FAMILIES.liveCounts] });
    return rows.filter((row): row is Row => row !== null).map((row) => toCountRow(row, speedCount(row)));
  }

  speedSums(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return sumSpeedReads(fromMs, toMs, this.now(), (read) => this.speedRows(scope, location, read.fromMs, read.toMs, read.granularity));
  }

  private speedTableOf(granularity: CountGranularity): string {
    return granularity === 'minute' ? this.speedTable : this.rollupTable;
  }

  private scanRange(
    table: string,
    granularity: CountGranularity,
    scope: CountScope,
    location: bigint,
    fromMs: number,
    toMs: number,
    family: string,
  ): Promise<Row[]> {
    const { startRow, stopRow } = countScanRange(granularity, scope, location, fromMs, toMs);
    return this.store.scanAll(table, { start: startRow, stop: stopRow, families: [family], caching: 1000 });
  }
}

function toCountRow(row: Row, count: bigint): CountRow {
  const key = decodeCountRowKey(row.key);
  return { bucketMs: key.bucketStartMs, itemName: key.itemName, count };
}

function speedCount(row: Row): bigint {
  return sumPartitionCounts(row.cells.filter((cell) => parsePartitionQualifier(cell.qualifier) !== undefined).map((cell) => cell.value));
}

function batchCount(row: Row): bigint {
  const cell = row.cells.find((c) => c.qualifier === BATCH_COUNT_QUALIFIER);
  return cell ? decodeBatchCount(cell.value) : 0n;
}
