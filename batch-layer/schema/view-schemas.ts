// Parquet schemas of the batch views in HDFS (<root>/views/<view>/dt=YYYY-MM-DD/):
//   hourly_counts: distinct detections per location, hour (start, epoch ms UTC) and item
//   top_items:     the contract's top-X output columns, one row per location and rank

import type { ColumnBatch, ColumnSpec } from '../../common/parquet';
import type { TopItem } from './top-x';

export const HOURLY_VIEW = 'hourly_counts';
export const TOP_ITEMS_VIEW = 'top_items';

export interface HourlyCount {
  readonly locationOid: bigint;
  readonly locationName: string | null;
  readonly hourStartMs: number;
  readonly itemName: string;
  readonly count: number;
}

export const HOURLY_SCHEMA: readonly ColumnSpec[] = [
  { name: 'geographical_location_oid', type: 'int64' },
  { name: 'geographical_location', type: 'utf8', optional: true },
  { name: 'hour_start', type: 'int64' },
  { name: 'item_name', type: 'utf8' },
  { name: 'detection_count', type: 'int64' },
];

export const TOP_ITEMS_SCHEMA: readonly ColumnSpec[] = [
  { name: 'geographical_location', type: 'utf8', optional: true },
  { name: 'item_rank', type: 'int32' },
  { name: 'item_name', type: 'utf8' },
  { name: 'geographical_location_oid', type: 'int64' },
  { name: 'item_count', type: 'int64' },
];

export function hourlyBatch(rows: readonly HourlyCount[]): ColumnBatch {
  return {
    rowCount: rows.length,
    columns: new Map<string, bigint[] | (string | null)[] | string[]>([
      ['geographical_location_oid', rows.map((r) => r.locationOid)],
      ['geographical_location', rows.map((r) => r.locationName)],
      ['hour_start', rows.map((r) => BigInt(r.hourStartMs))],
      ['item_name', rows.map((r) => r.itemName)],
      ['detection_count', rows.map((r) => BigInt(r.count))],
    ]),
  };
}

export function topItemsBatch(rows: readonly TopItem[]): ColumnBatch {
  return {
    rowCount: rows.length,
    columns: new Map<string, bigint[] | number[] | (string | null)[] | string[]>([
      ['geographical_location', rows.map((r) => r.locationName)],
      ['item_rank', rows.map((r) => r.rank)],
      ['item_name', rows.map((r) => r.itemName)],
      ['geographical_location_oid', rows.map((r) => r.locationOid)],
      ['item_count', rows.map((r) => BigInt(r.count))],
    ]),
  };
}
