// Parquet schema of the warehouse (<root>/warehouse/detections/dt=YYYY-MM-DD/
// part-NNNNN.parquet): one row per distinct detection_oid of the event day,
// enriched with Dataset B, with the Kafka lineage of the copy that won the
// dedup. int64 for every oid (exact above 2^53), timestamps as epoch ms int64
// (the contract's unit), geographical_location null when the oid is unknown to
// Dataset B. Rows in a part are sorted by location, time, oid. Footer metadata
// "utopia.reference_version" names the Dataset B version used.

import type { ColumnBatch, ColumnSpec, ColumnValues } from '../../common/parquet';
import type { LandingRow } from './landing-row';
import { landingBatch } from './landing-schema';

export const REFERENCE_VERSION_KEY = 'utopia.reference_version';

export interface WarehouseRow extends LandingRow {
  readonly geographicalLocation: string | null;
}

/**
 * A landing row with its location's name, field by field: a spread copy of
 * every row cost about ten times as much, and one constructor gives every
 * warehouse row one shape.
 */
export function warehouseRow(row: LandingRow, geographicalLocation: string | null): WarehouseRow {
  return {
    detectionOid: row.detectionOid,
    geographicalLocationOid: row.geographicalLocationOid,
    videoCameraOid: row.videoCameraOid,
    itemName: row.itemName,
    timestampDetected: row.timestampDetected,
    partition: row.partition,
    offset: row.offset,
    kafkaTimestamp: row.kafkaTimestamp,
    geographicalLocation,
  };
}

export const WAREHOUSE_SCHEMA: readonly ColumnSpec[] = [
  { name: 'detection_oid', type: 'int64' },
  { name: 'geographical_location_oid', type: 'int64' },
  { name: 'geographical_location', type: 'utf8', optional: true },
  { name: 'video_camera_oid', type: 'int64' },
  { name: 'item_name', type: 'utf8' },
  { name: 'timestamp_detected', type: 'int64' },
  { name: 'kafka_partition', type: 'int32' },
  { name: 'kafka_offset', type: 'int64' },
  { name: 'kafka_timestamp', type: 'int64' },
];

/** The landing columns (the writer orders columns by WAREHOUSE_SCHEMA) plus the location name. */
export function warehouseBatch(rows: readonly WarehouseRow[]): ColumnBatch {
  const landing = landingBatch(rows);
  const columns = new Map<string, ColumnValues>(landing.columns);
  columns.set(
    'geographical_location',
    rows.map((r) => r.geographicalLocation),
  );
  return { rowCount: landing.rowCount, columns };
}

export function compareWarehouseRows(a: WarehouseRow, b: WarehouseRow): number {
  if (a.geographicalLocationOid !== b.geographicalLocationOid) return a.geographicalLocationOid < b.geographicalLocationOid ? -1 : 1;
  if (a.timestampDetected !== b.timestampDetected) return a.timestampDetected - b.timestampDetected;
  return a.detectionOid < b.detectionOid ? -1 : a.detectionOid > b.detectionOid ? 1 : 0;
}

/**
 * Sorts `rows` in place in compareWarehouseRows order, through numeric keys
 * (the location's rank among the rows' locations, then the time) so that
 * bigints are compared only on ties: sorting a part by bigint comparisons was
 * a third of the compaction's CPU.
 */
export function sortWarehouseRows(rows: WarehouseRow[]): void {
  const locations = [...new Set(rows.map((r) => r.geographicalLocationOid))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map(locations.map((location, rank) => [location, rank]));
  const rank = new Int32Array(rows.length);
  const time = new Float64Array(rows.length);
  const order = new Uint32Array(rows.length);
  rows.forEach((row, i) => {
    rank[i] = rankOf.get(row.geographicalLocationOid) as number;
    time[i] = row.timestampDetected;
    order[i] = i;
  });
  order.sort((a, b) => {
    const byRank = (rank[a] as number) - (rank[b] as number);
    if (byRank !== 0) return byRank;
    const byTime = (time[a] as number) - (time[b] as number);
    if (byTime !== 0) return byTime;
    return compareWarehouseRows(rows[a] as WarehouseRow, rows[b] as WarehouseRow);
  });
  const sorted = Array.from(order, (i) => rows[i] as WarehouseRow);
  for (let i = 0; i < sorted.length; i++) rows[i] = sorted[i] as WarehouseRow;
}
