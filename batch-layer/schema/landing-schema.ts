// Parquet schema of landing files (<root>/landing/detections/partition=<p>/...):
// the five Dataset A fields with their contract names and int64 types, then the
// Kafka lineage. Footer metadata "utopia.invalid_by_day" holds, as JSON
// {day: count}, the invalid messages of the file's offset range by the day of
// their Kafka timestamp (their own timestamp may be the broken part).

import { int64Column, type ColumnBatch, type ColumnSpec } from '../../common/parquet';
import type { LandingRow } from './landing-row';

export const INVALID_BY_DAY_KEY = 'utopia.invalid_by_day';

export const LANDING_SCHEMA: readonly ColumnSpec[] = [
  { name: 'geographical_location_oid', type: 'int64' },
  { name: 'video_camera_oid', type: 'int64' },
  { name: 'detection_oid', type: 'int64' },
  { name: 'item_name', type: 'utf8' },
  { name: 'timestamp_detected', type: 'int64' },
  { name: 'kafka_partition', type: 'int32' },
  { name: 'kafka_offset', type: 'int64' },
  { name: 'kafka_timestamp', type: 'int64' },
];

export function landingBatch(rows: readonly LandingRow[]): ColumnBatch {
  const n = rows.length;
  const loc = new BigInt64Array(n);
  const cam = new BigInt64Array(n);
  const oid = new BigInt64Array(n);
  const part = new Int32Array(n);
  const off = new BigInt64Array(n);
  const item: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as LandingRow;
    loc[i] = r.geographicalLocationOid;
    cam[i] = r.videoCameraOid;
    oid[i] = r.detectionOid;
    item[i] = r.itemName;
    part[i] = r.partition;
    off[i] = r.offset;
  }
  return {
    rowCount: n,
    columns: new Map<string, BigInt64Array | Int32Array | string[]>([
      ['geographical_location_oid', loc],
      ['video_camera_oid', cam],
      ['detection_oid', oid],
      ['item_name', item],
      ['timestamp_detected', int64Column(n, (i) => (rows[i] as LandingRow).timestampDetected)],
      ['kafka_partition', part],
      ['kafka_offset', off],
      ['kafka_timestamp', int64Column(n, (i) => (rows[i] as LandingRow).kafkaTimestamp)],
    ]),
  };
}
