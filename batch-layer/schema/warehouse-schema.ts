// Parquet schema of the warehouse (<root>/warehouse/detections/dt=YYYY-MM-DD/
// part-NNNNN.parquet): one row per distinct detection_oid of the event day,
// enriched with Dataset B, with the Kafka lineage of the copy that won the
// dedup. int64 for every oid (exact above 2^53), timestamps as epoch ms int64
// (the contract's unit), geographical_location null when the oid is unknown to
// Dataset B. Rows in a part are sorted by location, time, oid. Footer metadata
// "utopia.reference_version" names the Dataset B version used.

import type { ColumnBatch, ColumnSpec } from '../../common/parquet';
import type { LandingRow } from './landing-row';

export const REFERENCE_VERSION_KEY = 'utopia.reference_version';

export interface WarehouseRow extends LandingRow {
  readonly geographicalLocation: string | null;
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

export function warehouseBatch(rows: readonly WarehouseRow[]): ColumnBatch {
  const n = rows.length;
  const oid = new BigInt64Array(n);
  const loc = new BigInt64Array(n);
  const name: (string | null)[] = new Array(n);
  const cam = new BigInt64Array(n);
  const item: string[] = new Array(n);
  const ts = new BigInt64Array(n);
  const part = new Int32Array(n);
  const off = new BigInt64Array(n);
  const kts = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    oid[i] = r.detectionOid;
    loc[i] = r.geographicalLocationOid;
    name[i] = r.geographicalLocation;
    cam[i] = r.videoCameraOid;
    item[i] = r.itemName;
    ts[i] = BigInt(r.timestampDetected);
    part[i] = r.partition;
    off[i] = r.offset;
    kts[i] = BigInt(r.kafkaTimestamp);
  }
  return {
    rowCount: n,
    columns: new Map<string, BigInt64Array | Int32Array | (string | null)[]>([
      ['detection_oid', oid],
      ['geographical_location_oid', loc],
      ['geographical_location', name],
      ['video_camera_oid', cam],
      ['item_name', item],
      ['timestamp_detected', ts],
      ['kafka_partition', part],
      ['kafka_offset', off],
      ['kafka_timestamp', kts],
    ]),
  };
}

export function compareWarehouseRows(a: WarehouseRow, b: WarehouseRow): number {
  if (a.geographicalLocationOid !== b.geographicalLocationOid) return a.geographicalLocationOid < b.geographicalLocationOid ? -1 : 1;
  if (a.timestampDetected !== b.timestampDetected) return a.timestampDetected - b.timestampDetected;
  return a.detectionOid < b.detectionOid ? -1 : a.detectionOid > b.detectionOid ? 1 : 0;
}
