// The classic job on any files: Dataset A (detections) and Dataset B
// (locations) in, the contract's top-X per location out. Pass 1 reads A by
// column chunks and spills (oid, location, item) by hash bucket of
// detection_oid; pass 2 counts distinct oids per (location, item) one bucket
// at a time, so memory holds one bucket plus the counts, whatever the skew.

import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { bucketOf, dayRange, detectColumnUnit, toEpochMillis, type TimestampUnitOption } from '../../common/contract';
import { UtopiaError } from '../../common/errors';
import type { HdfsStore } from '../../common/hdfs';
import { encodeParquet, openParquet, readParquetColumns, type DecodedValue } from '../../common/parquet';
import { SpillWriter } from '../spill/spill';
import { toCsv } from '../../common/csv';
import { TOP_ITEMS_SCHEMA, topItemsBatch } from '../schema/view-schemas';
import { topX, type TopItem } from '../schema/top-x';
import { datasetFiles, parseLocation, readDatasetFile, writeOutput, type DatasetLocation } from './dataset-files';

export interface TopItemsOptions {
  readonly detections: string;
  readonly locations: string;
  readonly out: string;
  readonly x: number;
  readonly csv: boolean;
  readonly timestampUnit: TimestampUnitOption;
  /** Only detections of this UTC day (needs timestamp_detected). */
  readonly day?: string;
  readonly buckets?: number;
  readonly workDir?: string;
  readonly hdfs?: HdfsStore;
}

export interface TopItemsResult {
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly items: readonly TopItem[];
  readonly outputs: readonly string[];
}

export async function runTopItems(options: TopItemsOptions): Promise<TopItemsResult> {
  const buckets = options.buckets ?? 32;
  const names = await readLocations(options);
  const source = parseLocation(options.detections);
  const files = await datasetFiles(source, options.hdfs);
  if (files.length === 0) throw new UtopiaError(`no Parquet files in ${options.detections}`);
  const spill = new SpillWriter(path.join(options.workDir ?? os.tmpdir(), `top-items-${crypto.randomBytes(4).toString('hex')}`));
  const range = options.day !== undefined ? dayRange(options.day) : undefined;
  let rowsRead = 0;
  let rowsUsed = 0;
  try {
    for (const file of files) {
      const spilled = await spillFile(file, { source, options, spill, buckets, range });
      rowsRead += spilled.rowsRead;
      rowsUsed += spilled.rowsUsed;
    }
    spill.flush();
    const counts = countDistinctItems(spill, buckets);
    const items = [...counts.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap((location) => topX(location, names.get(location) ?? null, counts.get(location) as Map<string, number>, options.x));
    const outputs = await writeTopItems(items, options);
    return { rowsRead, rowsUsed, items, outputs };
  } finally {
    spill.remove();
  }
}

/** What pass 1 needs besides the file. */
interface SpillJob {
  readonly source: DatasetLocation;
  readonly options: TopItemsOptions;
  readonly spill: SpillWriter;
  readonly buckets: number;
  /** The day's bounds when only one day is wanted. */
  readonly range: { readonly startMs: number; readonly endMs: number } | undefined;
}

/** Pass 1 on one Dataset A file: its (oid, location, item) rows with no null, of the day if one is set, spilled by bucket of detection_oid. */
async function spillFile(file: string, job: SpillJob): Promise<{ rowsRead: number; rowsUsed: number }> {
  const { source, options, spill, buckets, range } = job;
  let rowsRead = 0;
  let rowsUsed = 0;
  const parquet = await openParquet(await readDatasetFile(source, file, options.hdfs), file);
  try {
    for (let g = 0; g < parquet.footer.rowGroups.length; g++) {
      const wanted = ['geographical_location_oid', 'detection_oid', 'item_name', ...(range ? ['timestamp_detected'] : [])];
      const c = await parquet.readRowGroup(g, wanted);
      const loc = need(c, 'geographical_location_oid', file);
      const oid = need(c, 'detection_oid', file);
      const item = need(c, 'item_name', file);
      const ts = range ? need(c, 'timestamp_detected', file) : undefined;
      const unit =
        ts && options.timestampUnit === 'auto'
          ? (detectColumnUnit(ts as (number | bigint | null)[]) ?? 'milliseconds')
          : options.timestampUnit;
      for (let i = 0; i < oid.length; i++) {
        rowsRead++;
        if (oid[i] === null || loc[i] === null || item[i] === null) continue;
        if (ts && range) {
          const ms = toEpochMillis(ts[i] as number | bigint, unit);
          if (ms < range.startMs || ms >= range.endMs) continue;
        }
        const detectionOid = BigInt(oid[i] as number | bigint);
        spill.add('all', bucketOf(detectionOid, buckets), {
          detectionOid,
          geographicalLocationOid: BigInt(loc[i] as number | bigint),
          videoCameraOid: 0n,
          itemName: String(item[i]),
          timestampDetected: 0,
          partition: 0,
          offset: 0n,
          kafkaTimestamp: 0,
        });
        rowsUsed++;
      }
    }
  } finally {
    await parquet.close();
  }
  return { rowsRead, rowsUsed };
}

/** Pass 2: distinct detection oids per (location, item), one spill bucket at a time (a duplicate oid is always in the same bucket). */
function countDistinctItems(spill: SpillWriter, buckets: number): Map<bigint, Map<string, number>> {
  const counts = new Map<bigint, Map<string, number>>();
  for (let b = 0; b < buckets; b++) {
    const seen = new Set<string>();
    for (const row of spill.rows('all', b)) {
      const key = `${row.geographicalLocationOid}\u0000${row.detectionOid}\u0000${row.itemName}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let items = counts.get(row.geographicalLocationOid);
      if (!items) counts.set(row.geographicalLocationOid, (items = new Map<string, number>()));
      items.set(row.itemName, (items.get(row.itemName) ?? 0) + 1);
    }
  }
  return counts;
}

/** The top-X as Parquet at `out`, and as CSV beside it when asked; returns the paths written. */
async function writeTopItems(items: readonly TopItem[], options: TopItemsOptions): Promise<string[]> {
  const outputs = [options.out];
  await writeOutput(parseLocation(options.out), encodeParquet(TOP_ITEMS_SCHEMA, topItemsBatch(items)), options.hdfs);
  if (options.csv) {
    const csvPath = options.out.replace(/\.parquet$/, '') + '.csv';
    const columns = ['geographical_location', 'item_rank', 'item_name', 'geographical_location_oid', 'item_count'];
    const csv = toCsv(
      columns,
      items.map((t) => [t.locationName ?? '', t.rank, t.itemName, t.locationOid, t.count]),
      { lineEnd: '\n' },
    );
    await writeOutput(parseLocation(csvPath), Buffer.from(csv), options.hdfs);
    outputs.push(csvPath);
  }
  return outputs;
}

async function readLocations(options: TopItemsOptions): Promise<Map<bigint, string>> {
  const source = parseLocation(options.locations);
  const names = new Map<bigint, string>();
  for (const file of await datasetFiles(source, options.hdfs)) {
    const { columns } = await readParquetColumns(
      await readDatasetFile(source, file, options.hdfs),
      ['geographical_location_oid', 'geographical_location'],
      file,
    );
    const oids = need(columns, 'geographical_location_oid', file);
    const locs = need(columns, 'geographical_location', file);
    oids.forEach((oid, i) => {
      if (oid !== null && locs[i] !== null) names.set(BigInt(oid), String(locs[i]));
    });
  }
  return names;
}

function need(columns: ReadonlyMap<string, DecodedValue[]>, name: string, file: string): DecodedValue[] {
  const values = columns.get(name);
  if (!values) throw new UtopiaError(`${file} has no column ${name}`);
  return values;
}
