// Data of the batch benchmark: one event day of N events as the landing writer
// would have written it (12 partitions, files of at most 200k messages), with
// 5 % duplicates (later offsets of the same oid in the same partition) and one
// location holding 30 % of the events; written to HDFS landing/ and, for the
// PySpark peer, the same bytes to a local folder. Plus Dataset B in HBase.

import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../common/config';
import {
  bucketOf,
  dayRange,
  FAMILIES,
  landingFilePath,
  META_QUALIFIERS,
  META_ROWS,
  metaTableName,
  REFERENCE_NAME_QUALIFIER,
  referenceRowKey,
  referenceTableName,
} from '../../common/contract';
import type { HBaseTables, RowMutation } from '../../common/hbase';
import type { HdfsStore } from '../../common/hdfs';
import { encodeParquet } from '../../common/parquet';
import { LANDING_SCHEMA } from '../../batch-layer';
import { landingBatch } from '../../batch-layer/schema/landing-schema';
import type { SpeedViewWriter } from './batch-bench-speed-view';
import type { LandingRow } from '../../batch-layer/schema/landing-row';

export const BENCH_PARTITIONS = 12;
export const BENCH_LOCATIONS = 1000;
export const BENCH_ITEMS = 300;
const FILE_MESSAGES = 200_000;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchData {
  readonly events: number;
  readonly distinct: number;
  readonly files: number;
  readonly bytes: number;
}

export async function writeBenchData(
  config: Config,
  hdfs: HdfsStore,
  day: string,
  events: number,
  localDir: string,
  log: (line: string) => void,
  speed?: SpeedViewWriter,
): Promise<BenchData> {
  const rnd = random(20261122);
  const { startMs } = dayRange(day);
  fs.mkdirSync(localDir, { recursive: true });
  const buffers: LandingRow[][] = Array.from({ length: BENCH_PARTITIONS }, () => []);
  const offsets = new Array<bigint>(BENCH_PARTITIONS).fill(0n);
  const recent: LandingRow[] = [];
  let oid = 10_000_000_000n;
  let files = 0;
  let bytes = 0;
  let distinct = 0;
  const flush = async (p: number): Promise<void> => {
    const rows = buffers[p] as LandingRow[];
    if (rows.length === 0) return;
    const first = rows[0]!.offset;
    const last = rows[rows.length - 1]!.offset;
    const data = encodeParquet(LANDING_SCHEMA, landingBatch(rows), { metadata: { 'utopia.invalid_by_day': '{}' } });
    const file = { topic: config.kafka.detectionsTopic, partition: p, startOffset: first, endOffset: last };
    const target = landingFilePath(config.hdfs.root, file);
    await hdfs.mkdirs(target.slice(0, target.lastIndexOf('/')));
    await hdfs.upload(target, data, { overwrite: true });
    fs.writeFileSync(path.join(localDir, `part-${String(files).padStart(5, '0')}.parquet`), data);
    files++;
    bytes += data.length;
    buffers[p] = [];
  };
  for (let i = 0; i < events; i++) {
    let row: LandingRow;
    if (recent.length > 100 && rnd() < 0.05) {
      const original = recent[Math.floor(rnd() * recent.length)] as LandingRow;
      row = { ...original, itemName: `${original.itemName}`, kafkaTimestamp: original.kafkaTimestamp + 2000 };
    } else {
      const location = rnd() < 0.3 ? 1n : BigInt(2 + Math.floor(rnd() * (BENCH_LOCATIONS - 1)));
      const ts = startMs + Math.floor((i / events) * 86_400_000);
      row = {
        detectionOid: oid++,
        geographicalLocationOid: location,
        videoCameraOid: BigInt(1 + Math.floor(rnd() * 5000)),
        itemName: `item-${String(Math.floor(BENCH_ITEMS * rnd() * rnd())).padStart(3, '0')}`,
        timestampDetected: ts,
        partition: 0,
        offset: 0n,
        kafkaTimestamp: ts + 500,
      };
      distinct++;
      if (recent.length < 5000) recent.push(row);
      else recent[Math.floor(rnd() * 5000)] = row;
    }
    const p = bucketOf(row.detectionOid, BENCH_PARTITIONS);
    const placed = { ...row, partition: p, offset: offsets[p]! };
    offsets[p] = offsets[p]! + 1n;
    (buffers[p] as LandingRow[]).push(placed);
    // Originals come first in their partition, so they are the first occurrences the speed layer keeps.
    if (speed && placed.kafkaTimestamp === placed.timestampDetected + 500) await speed.add(placed);
    if (buffers[p]!.length >= FILE_MESSAGES) await flush(p);
    if ((i + 1) % 1_000_000 === 0) log(`generated ${i + 1} events`);
  }
  for (let p = 0; p < BENCH_PARTITIONS; p++) await flush(p);
  return { events, distinct, files, bytes };
}

/** Dataset B: names for every location but the last (an unknown location, kept and flagged). */
export async function writeBenchReference(config: Config, hbase: HBaseTables, localFile: string): Promise<void> {
  const version = '20260101T000000Z';
  const mutations: RowMutation[] = [];
  for (let oid = 1; oid < BENCH_LOCATIONS; oid++) {
    mutations.push({
      row: referenceRowKey(version, BigInt(oid)),
      cells: [{ family: FAMILIES.reference, qualifier: REFERENCE_NAME_QUALIFIER, value: Buffer.from(`Location ${oid}`), timestamp: 1 }],
    });
  }
  await hbase.puts(referenceTableName(config.hbase.namespace), mutations);
  await hbase.put(metaTableName(config.hbase.namespace), {
    row: Buffer.from(META_ROWS.referenceCurrent),
    cells: [{ family: FAMILIES.meta, qualifier: META_QUALIFIERS.referenceVersion, value: Buffer.from(version), timestamp: Date.now() }],
  });
  const oids = Array.from({ length: BENCH_LOCATIONS - 1 }, (_, i) => BigInt(i + 1));
  fs.writeFileSync(
    localFile,
    encodeParquet(
      [
        { name: 'geographical_location_oid', type: 'int64' },
        { name: 'geographical_location', type: 'utf8' },
      ],
      {
        rowCount: oids.length,
        columns: new Map<string, bigint[] | string[]>([
          ['geographical_location_oid', oids],
          ['geographical_location', oids.map((o) => `Location ${o}`)],
        ]),
      },
    ),
  );
}
