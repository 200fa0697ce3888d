// Writes the views the speed and batch layers would write, straight through
// the contract codecs: for the serving layer's integration tests and its
// benchmark, so they do not depend on the other layers running. Counts are
// written as absolute values (distinct detections), like the layers do.

import {
  ALL_LOCATIONS,
  BATCH_COUNT_QUALIFIER,
  batchViewsTableName,
  bucketStart,
  countRowKey,
  detectionRowKey,
  detectionTableName,
  encodeBatchCount,
  encodeDetectionCells,
  encodePartitionCount,
  FAMILIES,
  liveCountsTableName,
  liveRollupsTableName,
  META_QUALIFIERS,
  META_ROWS,
  metaTableName,
  partitionQualifier,
  qualityQualifier,
  recentRowKey,
  recentTableName,
  REFERENCE_NAME_QUALIFIER,
  referenceRowKey,
  referenceTableName,
  type CountGranularity,
  type CountScope,
  type QualityCounter,
  type SpeedMetricsSnapshot,
} from '../../common/contract';
import type { HBaseTables, RowMutation } from '../../common/hbase';
import { RollupCells } from './rollup-cells';

export interface SeedEvent {
  readonly detectionOid: bigint;
  readonly locationOid: bigint;
  readonly cameraOid: bigint;
  readonly itemName: string;
  readonly timestampMs: number;
  /** Kafka partition and offset of the message that created it (lineage). */
  readonly partition: number;
  readonly offset: bigint;
  readonly locationName: string | null;
}

export interface CountCell {
  readonly granularity: CountGranularity;
  readonly scope: CountScope;
  readonly locationOid: bigint;
  readonly bucketStartMs: number;
  readonly itemName: string;
}

const CHUNK = 2_000;

export class ViewSeeder {
  constructor(
    private readonly store: HBaseTables,
    private readonly namespace: string,
  ) {}

  /** Speed view (live_counts, and its roll-ups in live_rollups): per minute, hour and day, per partition, absolute counts of the events given. */
  async speedCounts(events: readonly SeedEvent[]): Promise<void> {
    const cells = new Map<string, { key: CountCell; byPartition: Map<number, { count: bigint; lastOffset: bigint }> }>();
    for (const event of events) {
      for (const key of countKeys(event, 'minute')) {
        const id = countRowKey(key).toString('hex');
        const entry = cells.get(id) ?? { key, byPartition: new Map<number, { count: bigint; lastOffset: bigint }>() };
        const p = entry.byPartition.get(event.partition) ?? { count: 0n, lastOffset: -1n };
        p.count += 1n;
        if (event.offset > p.lastOffset) p.lastOffset = event.offset;
        entry.byPartition.set(event.partition, p);
        cells.set(id, entry);
      }
    }
    await this.putSpeedCells([...cells.values()].map(({ key, byPartition }) => ({ key, byPartition })));
    const rollups = new RollupCells();
    for (const { key, byPartition } of cells.values()) rollups.addMinute(key, byPartition);
    await this.putSpeedCells(rollups.list());
  }

  /** Speed view cells: minute cells into live_counts, hour and day roll-ups into live_rollups. */
  async putSpeedCells(
    cells: readonly { key: CountCell; byPartition: ReadonlyMap<number, { count: bigint; lastOffset: bigint }> }[],
  ): Promise<void> {
    await this.putSpeedTable(
      liveCountsTableName(this.namespace),
      cells.filter((c) => c.key.granularity === 'minute'),
    );
    await this.putSpeedTable(
      liveRollupsTableName(this.namespace),
      cells.filter((c) => c.key.granularity !== 'minute'),
    );
  }

  private async putSpeedTable(
    table: string,
    cells: readonly { key: CountCell; byPartition: ReadonlyMap<number, { count: bigint; lastOffset: bigint }> }[],
  ): Promise<void> {
    const now = Date.now();
    await this.putAll(
      table,
      cells.map(({ key, byPartition }) => ({
        row: countRowKey(key),
        cells: [...byPartition].map(([partition, value]) => ({
          family: FAMILIES.liveCounts,
          qualifier: partitionQualifier(partition),
          value: encodePartitionCount(value),
          timestamp: now,
        })),
      })),
    );
  }

  /** Batch view (batch_views): hour buckets of the events given (all of one or more closed days). */
  async batchCounts(events: readonly SeedEvent[]): Promise<void> {
    const cells = new Map<string, { key: CountCell; count: bigint }>();
    for (const event of events) {
      for (const key of countKeys(event, 'hour')) {
        const id = countRowKey(key).toString('hex');
        const entry = cells.get(id) ?? { key, count: 0n };
        entry.count += 1n;
        cells.set(id, entry);
      }
    }
    await this.putBatchCells([...cells.values()]);
  }

  async putBatchCells(cells: readonly { key: CountCell; count: bigint }[]): Promise<void> {
    const now = Date.now();
    await this.putAll(
      batchViewsTableName(this.namespace),
      cells.map(({ key, count }) => ({
        row: countRowKey(key),
        cells: [{ family: FAMILIES.batchViews, qualifier: BATCH_COUNT_QUALIFIER, value: encodeBatchCount(count), timestamp: now }],
      })),
    );
  }

  /** Detection rows and the live feed's rows. */
  async detections(events: readonly SeedEvent[]): Promise<void> {
    const mutations = events.map((event) => {
      const cells = encodeDetectionCells({
        geographicalLocationOid: event.locationOid,
        videoCameraOid: event.cameraOid,
        detectionOid: event.detectionOid,
        itemName: event.itemName,
        timestampDetected: event.timestampMs,
        geographicalLocation: event.locationName,
        locationKnown: event.locationName !== null,
        lineage: { partition: event.partition, offset: event.offset.toString() },
      });
      return { event, cells };
    });
    await this.putAll(
      detectionTableName(this.namespace),
      mutations.map(({ event, cells }) => ({
        row: detectionRowKey(event.detectionOid),
        cells: cells.map((c) => ({ family: FAMILIES.detections, qualifier: c.qualifier, value: c.value, timestamp: event.timestampMs })),
      })),
    );
    await this.putAll(
      recentTableName(this.namespace),
      mutations.map(({ event, cells }) => ({
        row: recentRowKey(event.locationOid, event.timestampMs, event.detectionOid),
        cells: cells.map((c) => ({ family: FAMILIES.recent, qualifier: c.qualifier, value: c.value, timestamp: event.timestampMs })),
      })),
    );
  }

  async reference(version: string, locations: ReadonlyMap<bigint, string>): Promise<void> {
    await this.putAll(
      referenceTableName(this.namespace),
      [...locations].map(([oid, name]) => ({
        row: referenceRowKey(version, oid),
        cells: [
          { family: FAMILIES.reference, qualifier: REFERENCE_NAME_QUALIFIER, value: Buffer.from(name, 'utf8'), timestamp: Date.now() },
        ],
      })),
    );
    await this.meta(META_ROWS.referenceCurrent, META_QUALIFIERS.referenceVersion, version);
  }

  watermark(day: string): Promise<void> {
    return this.meta(META_ROWS.watermark, META_QUALIFIERS.watermarkDay, day);
  }

  batchLastRun(report: unknown): Promise<void> {
    return this.meta(META_ROWS.batchLastRun, META_QUALIFIERS.batchRunReport, JSON.stringify(report));
  }

  reconciliation(report: unknown): Promise<void> {
    return this.meta(META_ROWS.reconciliationLast, META_QUALIFIERS.reconciliationReport, JSON.stringify(report));
  }

  speedMetrics(snapshot: SpeedMetricsSnapshot): Promise<void> {
    return this.meta(META_ROWS.speedMetrics, snapshot.instance, JSON.stringify(snapshot));
  }

  /** The speed layer's quality counters: absolute per partition. */
  async quality(values: readonly { counter: QualityCounter; partition: number; count: bigint }[]): Promise<void> {
    await this.store.put(metaTableName(this.namespace), {
      row: Buffer.from(META_ROWS.quality),
      cells: values.map((v) => ({
        family: FAMILIES.meta,
        qualifier: qualityQualifier(v.counter, v.partition),
        value: encodePartitionCount({ count: v.count, lastOffset: 0n }),
        timestamp: Date.now(),
      })),
    });
  }

  private meta(row: string, qualifier: string, value: string): Promise<void> {
    return this.store.put(metaTableName(this.namespace), {
      row: Buffer.from(row),
      cells: [{ family: FAMILIES.meta, qualifier, value: Buffer.from(value, 'utf8'), timestamp: Date.now() }],
    });
  }

  private async putAll(table: string, mutations: readonly RowMutation[]): Promise<void> {
    for (let i = 0; i < mutations.length; i += CHUNK) await this.store.puts(table, mutations.slice(i, i + CHUNK));
  }
}

/** The four count rows one detection adds to: its location and all locations, per item and in total. */
export function countKeys(event: Pick<SeedEvent, 'locationOid' | 'itemName' | 'timestampMs'>, granularity: CountGranularity): CountCell[] {
  const bucketStartMs = bucketStart(event.timestampMs, granularity);
  return [event.locationOid, ALL_LOCATIONS].flatMap((locationOid) => [
    { granularity, scope: 'item' as const, locationOid, bucketStartMs, itemName: event.itemName },
    { granularity, scope: 'total' as const, locationOid, bucketStartMs, itemName: '' },
  ]);
}
