// HBase tables of the project, all in one namespace (HBASE_NAMESPACE), declared
// once so the setup command, the speed layer, the batch reconciler and the
// serving API agree on names, families, TTLs and splits.
//
// TTLs count from the cell timestamp, and detection cells carry
// timestamp_detected: an event older than its table's TTL expires at once, so
// such late events live only in the warehouse (serving reads old days from the
// batch view anyway).

import { ValidationError } from '../errors';
import { regionSplitPoints } from './row-key';

const DAY_SECONDS = 24 * 60 * 60;

/** Detection rows: long enough for the nightly batch to reconcile any day it may recompact. */
export const DETECTIONS_TTL_SECONDS = 30 * DAY_SECONDS;
/** Live counts: the speed view serves only the days after the batch watermark. */
export const LIVE_COUNTS_TTL_SECONDS = 7 * DAY_SECONDS;
/** The live feed's per-location index of recent detections. */
export const RECENT_TTL_SECONDS = 2 * DAY_SECONDS;

export const FAMILIES = {
  detections: 'd',
  liveCounts: 'c',
  recent: 'r',
  reference: 'l',
  batchViews: 'v',
  meta: 'm',
} as const;

export interface ColumnFamilySpec {
  readonly name: string;
  readonly versions: number;
  /** Absent: cells never expire. */
  readonly ttlSeconds?: number;
}

export interface TableSpec {
  readonly name: string;
  readonly families: readonly ColumnFamilySpec[];
  /** Pre-split keys; empty for a single region. */
  readonly splits: readonly Buffer[];
}

export const detectionTableName = (ns: string): string => tableName(ns, 'detections');
export const liveCountsTableName = (ns: string): string => tableName(ns, 'live_counts');
/** Hour and day roll-ups of live_counts, same cells (partition-count.ts), kept by the speed layer too. */
export const liveRollupsTableName = (ns: string): string => tableName(ns, 'live_rollups');
export const recentTableName = (ns: string): string => tableName(ns, 'recent');
export const referenceTableName = (ns: string): string => tableName(ns, 'reference');
export const batchViewsTableName = (ns: string): string => tableName(ns, 'batch_views');
/** Watermark, current reference version, reconciliation status. */
export const metaTableName = (ns: string): string => tableName(ns, 'meta');

/** Every table `setup` creates; only detections is pre-split (by its salt byte). */
export function hbaseTables(ns: string, regions: number): TableSpec[] {
  return [
    {
      name: detectionTableName(ns),
      families: [{ name: FAMILIES.detections, versions: 1, ttlSeconds: DETECTIONS_TTL_SECONDS }],
      splits: regionSplitPoints(regions),
    },
    {
      name: liveCountsTableName(ns),
      families: [{ name: FAMILIES.liveCounts, versions: 1, ttlSeconds: LIVE_COUNTS_TTL_SECONDS }],
      splits: [],
    },
    {
      name: liveRollupsTableName(ns),
      families: [{ name: FAMILIES.liveCounts, versions: 1, ttlSeconds: LIVE_COUNTS_TTL_SECONDS }],
      splits: [],
    },
    { name: recentTableName(ns), families: [{ name: FAMILIES.recent, versions: 1, ttlSeconds: RECENT_TTL_SECONDS }], splits: [] },
    { name: referenceTableName(ns), families: [{ name: FAMILIES.reference, versions: 1 }], splits: [] },
    { name: batchViewsTableName(ns), families: [{ name: FAMILIES.batchViews, versions: 1 }], splits: [] },
    { name: metaTableName(ns), families: [{ name: FAMILIES.meta, versions: 1 }], splits: [] },
  ];
}

// HBase namespace names: letters, digits and underscores.
const NAMESPACE = /^[A-Za-z0-9_]+$/;

function tableName(ns: string, table: string): string {
  if (!NAMESPACE.test(ns))
    throw new ValidationError('invalid_namespace', `HBase namespace must match [A-Za-z0-9_]+, got ${JSON.stringify(ns)}`);
  return `${ns}:${table}`;
}
