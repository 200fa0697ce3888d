// Pass 2 of a day: the deduplicated rows, spilled by location bucket, become
// the batch views, streamed from the spill (the hot location's bucket can hold
// a third of the day). Each location's rows are all in one bucket, so its top-X
// and counts are complete there; ALL_LOCATIONS sums accumulate across buckets.
// The live-count truth of each bucket's locations (the speed view's minute
// cells and their hour and day roll-ups) is handed to `onCounts` on the way:
// the run reconciles the speed view with it (reconcile/, a floor above).
// On a recompaction the day's hour rows and top-X rows that the new run did
// not write are deleted: a late copy with a lower (partition, offset) can win
// with another item or time and move its detection to another key. (A
// location that no longer has any row keeps its old rows; that needs a late
// copy moving every detection of a location elsewhere.)

import { setImmediate } from 'node:timers/promises';
import { ALL_LOCATIONS, viewDayDir, tempPath } from '../../common/contract';
import type { HBaseTables } from '../../common/hbase';
import { swapDirectory, type HdfsStore } from '../../common/hdfs';
import { encodeParquet } from '../../common/parquet';
import type { SpillWriter } from '../spill/spill';
import type { LandingRow } from '../schema/landing-row';
import {
  HOURLY_SCHEMA,
  HOURLY_VIEW,
  hourlyBatch,
  TOP_ITEMS_SCHEMA,
  TOP_ITEMS_VIEW,
  topItemsBatch,
  type HourlyCount,
} from '../schema/view-schemas';
import type { WarehouseRow } from '../schema/warehouse-schema';
import { deleteStaleHourRows, deleteStaleTopRows, putHourCounts, putTopItems } from './hbase-views';
import { topX, type TopItem } from '../schema/top-x';
import { ViewAccumulator } from './view-accumulator';
import type { MinuteCounts } from './minute-counts';

/** Live-count truth of some locations in the speed view's layout: minute cells, and hour and day roll-ups. */
export interface LiveCountTruth {
  readonly minute: MinuteCounts;
  readonly rollup: MinuteCounts;
}

/** Called with each location bucket's locations and their truth, then with ALL_LOCATIONS and the day's. */
export type CountsHook = (locations: readonly bigint[], truth: LiveCountTruth) => Promise<void>;

export interface ViewInputs {
  readonly hdfs: HdfsStore;
  readonly hbase: HBaseTables;
  readonly root: string;
  readonly namespace: string;
  readonly day: string;
  readonly token: string;
  readonly buckets: number;
  readonly x: number;
  readonly spill: SpillWriter;
  readonly enrich: (row: LandingRow) => WarehouseRow;
  /** The day was compacted before: rows of the earlier view may need deleting. */
  readonly recompaction: boolean;
  /** Receives the live-count truth (absent: not wanted, e.g. beyond the live-count TTL). */
  readonly onCounts?: CountsHook;
  readonly onProgress?: (bucket: number) => void;
  /** The top-X computed by a SQL engine: used instead of the one counted here. */
  readonly topItems?: readonly TopItem[];
}

export interface ViewOutputs {
  readonly topItems: TopItem[];
  readonly locations: number;
  readonly items: number;
  /** Distinct detections per UTC hour of the day, 24 values. */
  readonly eventsPerHour: number[];
}

export async function buildViews(input: ViewInputs): Promise<ViewOutputs> {
  const { hdfs, hbase, root, namespace, day, token } = input;
  const stamp = Date.now();
  const all = new ViewAccumulator();
  const tops: TopItem[] = [];
  const itemNames = new Set<string>();
  let locations = 0;
  const hourlyStaging = tempPath(root, viewDayDir(root, HOURLY_VIEW, day), token);
  await hdfs.mkdirs(hourlyStaging);
  let parts = 0;
  // Bucket b's HBase and HDFS writes run while bucket b + 1 is counted: the
  // region server and this process then work at the same time.
  let writing: Promise<void> = Promise.resolve();
  for (let b = 0; b < input.buckets; b++) {
    const acc = new ViewAccumulator();
    const rows = await accumulateBucket(input, b, acc, all, itemNames);
    await writing;
    if (rows === 0) continue;
    const items = acc.items;
    if (!input.topItems)
      for (const [location, counts] of items) tops.push(...topX(location, acc.names.get(location) ?? null, counts, input.x));
    locations += items.size;
    writing = writeBucket(input, acc, [...items.keys()], `${hourlyStaging}/part-${String(parts++).padStart(5, '0')}.parquet`, stamp).then(
      () => input.onProgress?.(b),
    );
    writing.catch(() => undefined); // awaited with the next bucket or after the last
  }
  await writing;
  await Promise.all([writeHourRows(input, all, [ALL_LOCATIONS], stamp), input.onCounts?.([ALL_LOCATIONS], all)]);
  if (input.topItems) tops.push(...input.topItems);
  tops.sort((a, b) => (a.locationOid < b.locationOid ? -1 : a.locationOid > b.locationOid ? 1 : a.rank - b.rank));
  const kept = await putTopItems(hbase, namespace, day, tops, stamp);
  if (input.recompaction) await deleteStaleTopRows(hbase, namespace, day, kept);
  await hdfs.upload(`${hourlyStaging}/_SUCCESS`, Buffer.alloc(0), { overwrite: true });
  await swapDirectory(hdfs, root, hourlyStaging, viewDayDir(root, HOURLY_VIEW, day), `${token}-h`);
  const topStaging = tempPath(root, viewDayDir(root, TOP_ITEMS_VIEW, day), token);
  await hdfs.mkdirs(topStaging);
  await hdfs.upload(`${topStaging}/part-00000.parquet`, encodeParquet(TOP_ITEMS_SCHEMA, topItemsBatch(tops)), { overwrite: true });
  await hdfs.upload(`${topStaging}/_SUCCESS`, Buffer.alloc(0), { overwrite: true });
  await swapDirectory(hdfs, root, topStaging, viewDayDir(root, TOP_ITEMS_VIEW, day), `${token}-t`);
  return { topItems: tops, locations, items: itemNames.size, eventsPerHour: eventsPerHour(all, day) };
}

/** Rows yielded to the event loop after, while counting: the previous bucket's writes go on meanwhile. */
const YIELD_ROWS = 8192;

/** Counts bucket b's rows into its accumulator and the all-locations one; returns its number of rows. */
async function accumulateBucket(
  input: ViewInputs,
  b: number,
  acc: ViewAccumulator,
  all: ViewAccumulator,
  itemNames: Set<string>,
): Promise<number> {
  let rows = 0;
  for (const landing of input.spill.rows(input.day, b)) {
    const row = input.enrich(landing);
    acc.addRow(row, true, false);
    all.addRow(row, false, true);
    itemNames.add(row.itemName);
    if (++rows % YIELD_ROWS === 0) await setImmediate();
  }
  return rows;
}

/**
 * One location bucket's hour rows into HBase, its live-count truth to
 * `onCounts`, its hourly Parquet part into HDFS. The three touch different
 * tables and files, so they run side by side rather than waiting on each
 * other's round trips.
 */
async function writeBucket(input: ViewInputs, acc: ViewAccumulator, locations: bigint[], part: string, stamp: number): Promise<void> {
  await Promise.all([writeHourRows(input, acc, locations, stamp), input.onCounts?.(locations, acc), uploadHourly(input, acc, part)]);
}

/** The hour rows of `locations` into HBase; on a recompaction, the day's earlier rows of theirs that this run did not write deleted. */
async function writeHourRows(input: ViewInputs, acc: ViewAccumulator, locations: readonly bigint[], stamp: number): Promise<void> {
  const { hbase, namespace, day } = input;
  await putHourCounts(hbase, namespace, acc.hourRows(), stamp);
  if (input.recompaction) await deleteStaleHourRows(hbase, namespace, day, locations, (row) => acc.hasHourRow(row));
}

/** The bucket's hourly view part (item cells only) into HDFS; async, so an encoding error rejects beside the other writes. */
async function uploadHourly(input: ViewInputs, acc: ViewAccumulator, part: string): Promise<void> {
  const hourly: HourlyCount[] = [];
  for (const cell of acc.hourCells()) {
    if (cell.scope !== 'item') continue;
    hourly.push({
      locationOid: cell.locationOid,
      locationName: acc.names.get(cell.locationOid) ?? null,
      hourStartMs: cell.hourStartMs,
      itemName: cell.itemName,
      count: cell.count,
    });
  }
  await input.hdfs.upload(part, encodeParquet(HOURLY_SCHEMA, hourlyBatch(hourly)), { overwrite: true });
}

/** The all-locations total of each hour, from the accumulator's hour cells. */
function eventsPerHour(all: ViewAccumulator, day: string): number[] {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const hours = new Array<number>(24).fill(0);
  for (const cell of all.hourCells()) {
    if (cell.scope !== 'total' || cell.locationOid !== ALL_LOCATIONS) continue;
    const hour = Math.floor((cell.hourStartMs - dayStart) / 3_600_000);
    if (hour >= 0 && hour < 24) hours[hour] = (hours[hour] as number) + cell.count;
  }
  return hours;
}
