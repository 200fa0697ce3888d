// Plays the speed layer in tests: writes detection rows and per-partition live
// minute counts (count-key.ts, partition-count.ts, detection-cells.ts) from the
// landing files in HDFS, which carry each message's partition and offset.

import {
  ALL_LOCATIONS,
  countRowKey,
  detectionRowKey,
  detectionTableName,
  encodeDetectionCells,
  encodePartitionCount,
  FAMILIES,
  landingDir,
  liveCountsTableName,
  partitionQualifier,
} from '../../common/contract';
import type { RowMutation } from '../../common/hbase';
import { openParquet } from '../../common/parquet';
import type { BatchWorld } from './batch-fixture';

export interface LandedEvent {
  readonly oid: bigint;
  readonly location: bigint;
  readonly camera: bigint;
  readonly item: string;
  readonly ts: number;
  readonly partition: number;
  readonly offset: bigint;
}

/** First occurrence per oid, read from every landing file. */
export async function landedWinners(world: BatchWorld): Promise<LandedEvent[]> {
  const base = landingDir(world.config.hdfs.root);
  const best = new Map<bigint, LandedEvent>();
  for (const dir of await world.hdfs.list(base)) {
    for (const entry of await world.hdfs.list(`${base}/${dir.name}`)) {
      const file = await openParquet(await world.hdfs.readFile(`${base}/${dir.name}/${entry.name}`));
      for (let g = 0; g < file.footer.rowGroups.length; g++) {
        const c = await file.readRowGroup(g);
        const col = (n: string) => c.get(n) as unknown[];
        col('detection_oid').forEach((oid, i) => {
          const e: LandedEvent = {
            oid: oid as bigint,
            location: col('geographical_location_oid')[i] as bigint,
            camera: col('video_camera_oid')[i] as bigint,
            item: col('item_name')[i] as string,
            ts: Number(col('timestamp_detected')[i]),
            partition: col('kafka_partition')[i] as number,
            offset: col('kafka_offset')[i] as bigint,
          };
          const seen = best.get(e.oid);
          if (!seen || e.offset < seen.offset) best.set(e.oid, e);
        });
      }
      await file.close();
    }
  }
  return [...best.values()];
}

export async function writeSpeedRows(world: BatchWorld, events: readonly LandedEvent[]): Promise<void> {
  const mutations: RowMutation[] = events.map((e) => {
    const cells = encodeDetectionCells({
      geographicalLocationOid: e.location,
      videoCameraOid: e.camera,
      detectionOid: e.oid,
      itemName: e.item,
      timestampDetected: e.ts,
      geographicalLocation: null,
      locationKnown: false,
      lineage: { partition: e.partition, offset: e.offset.toString() },
    });
    return {
      row: detectionRowKey(e.oid),
      cells: cells.map((c) => ({ family: FAMILIES.detections, qualifier: c.qualifier, value: c.value, timestamp: e.ts })),
    };
  });
  for (let i = 0; i < mutations.length; i += 500)
    await world.hbase.puts(detectionTableName(world.config.hbase.namespace), mutations.slice(i, i + 500));
}

/** Live minute counts as the speed layer keeps them: row hex -> partition -> count. */
export function speedCounts(
  events: readonly LandedEvent[],
): Map<string, Map<number, { count: bigint; lastOffset: bigint; minute: number }>> {
  const out = new Map<string, Map<number, { count: bigint; lastOffset: bigint; minute: number }>>();
  for (const e of events) {
    const minute = Math.floor(e.ts / 60_000) * 60_000;
    for (const location of [e.location, ALL_LOCATIONS]) {
      for (const scope of ['item', 'total'] as const) {
        const row = countRowKey({
          granularity: 'minute',
          scope,
          locationOid: location,
          bucketStartMs: minute,
          itemName: scope === 'item' ? e.item : '',
        }).toString('hex');
        const cells = out.get(row) ?? new Map<number, { count: bigint; lastOffset: bigint; minute: number }>();
        const cell = cells.get(e.partition) ?? { count: 0n, lastOffset: -1n, minute };
        cells.set(e.partition, { count: cell.count + 1n, lastOffset: e.offset > cell.lastOffset ? e.offset : cell.lastOffset, minute });
        out.set(row, cells);
      }
    }
  }
  return out;
}

export async function writeSpeedCounts(
  world: BatchWorld,
  counts: ReadonlyMap<string, ReadonlyMap<number, { count: bigint; lastOffset: bigint; minute: number }>>,
): Promise<void> {
  const mutations: RowMutation[] = [...counts].map(([row, cells]) => ({
    row: Buffer.from(row, 'hex'),
    cells: [...cells].map(([p, c]) => ({
      family: FAMILIES.liveCounts,
      qualifier: partitionQualifier(p),
      value: encodePartitionCount(c),
      timestamp: c.minute,
    })),
  }));
  for (let i = 0; i < mutations.length; i += 500)
    await world.hbase.puts(liveCountsTableName(world.config.hbase.namespace), mutations.slice(i, i + 500));
}
