// The nightly job of one event day as SQL, the same text on every SQL engine
// (dialect.ts renders the few statements that differ). Inputs:
//   landing    the day's landing files (rows of other days are filtered out),
//   previous   the day's earlier warehouse partition (recompaction; else an empty file),
//   reference  Dataset B of the run's reference version (location_oid, location_name).
// Outputs (folders of Parquet under `out`):
//   warehouse  one row per distinct detection_oid, the copy Kafka received first
//              (lowest partition, then offset), enriched, sorted by location, time, oid;
//   top_items  per location the X items with most detections, ties by item_name (UTF-8 order);
//   totals     one row: messages, detections, late, unknown location, locations, items, earlier rows read.
// Node runs everything around it (lock, days, staging, manifest, swap, views, reconciliation, report).

import { dialectOf, type ParquetSource, type SqlColumn, type SqlEngineName } from './dialect';
import { ContractError } from '../../common/errors';

export interface DayJobInput {
  readonly landing: ParquetSource;
  readonly previous: ParquetSource;
  readonly reference: ParquetSource;
  /** The day's [start, end) in epoch ms, UTC. */
  readonly startMs: number;
  readonly endMs: number;
  readonly topX: number;
  /** Output folders. */
  readonly out: { readonly warehouse: string; readonly topItems: string; readonly totals: string };
}

const LINEAGE_COLUMNS: readonly SqlColumn[] = [
  { name: 'detection_oid', type: 'BIGINT' },
  { name: 'geographical_location_oid', type: 'BIGINT' },
  { name: 'video_camera_oid', type: 'BIGINT' },
  { name: 'item_name', type: 'STRING' },
  { name: 'timestamp_detected', type: 'BIGINT' },
  { name: 'kafka_partition', type: 'INT' },
  { name: 'kafka_offset', type: 'BIGINT' },
  { name: 'kafka_timestamp', type: 'BIGINT' },
];
const REFERENCE_COLUMNS: readonly SqlColumn[] = [
  { name: 'location_oid', type: 'BIGINT' },
  { name: 'location_name', type: 'STRING' },
];
const LANDING = LINEAGE_COLUMNS.map((c) => c.name).join(', ');

/** The job's statements, in order; each must succeed for the next to run. */
export function dayJobStatements(engine: SqlEngineName, job: DayJobInput): string[] {
  const sql = dialectOf(engine);
  const int = (n: number): string => {
    if (!Number.isSafeInteger(n)) throw new ContractError(`not an integer: ${n}`);
    return String(n);
  };
  return [
    ...sql.preamble,
    sql.parquetView('landing', job.landing, LINEAGE_COLUMNS),
    sql.parquetView('previous', job.previous, LINEAGE_COLUMNS),
    sql.parquetView('reference', job.reference, REFERENCE_COLUMNS),

    // Every copy of every message of the day: landing rows of the day's event
    // time plus, on a recompaction, the rows compacted before.
    sql.materialize(
      'day_input',
      `
      SELECT ${LANDING} FROM landing WHERE timestamp_detected >= ${int(job.startMs)} AND timestamp_detected < ${int(job.endMs)}
      UNION ALL
      SELECT ${LANDING} FROM previous`,
    ),

    // Compaction (first occurrence by partition, then offset) and enrichment.
    sql.materialize(
      'detections',
      `
      SELECT d.detection_oid, d.geographical_location_oid, r.location_name AS geographical_location, d.video_camera_oid, d.item_name,
             d.timestamp_detected, d.kafka_partition, d.kafka_offset, d.kafka_timestamp
      FROM (SELECT ${LANDING}, row_number() OVER (PARTITION BY detection_oid ORDER BY kafka_partition, kafka_offset) AS occurrence FROM day_input) d
      LEFT JOIN reference r ON r.location_oid = d.geographical_location_oid
      WHERE d.occurrence = 1`,
    ),

    sql.writeParquet(
      `
      SELECT detection_oid, geographical_location_oid, geographical_location, video_camera_oid, item_name, timestamp_detected, kafka_partition, kafka_offset, kafka_timestamp
      FROM detections ORDER BY geographical_location_oid, timestamp_detected, detection_oid`,
      job.out.warehouse,
    ),

    sql.writeParquet(
      `
      SELECT geographical_location, CAST(item_rank AS INT) AS item_rank, item_name, geographical_location_oid, item_count
      FROM (
        SELECT geographical_location_oid, geographical_location, item_name, item_count,
               row_number() OVER (PARTITION BY geographical_location_oid ORDER BY item_count DESC, item_name ASC) AS item_rank
        FROM (SELECT geographical_location_oid, geographical_location, item_name, count(*) AS item_count
              FROM detections GROUP BY geographical_location_oid, geographical_location, item_name) counted
      ) ranked
      WHERE item_rank <= ${int(job.topX)}
      ORDER BY geographical_location_oid, item_rank`,
      job.out.topItems,
    ),

    // A message read twice (an earlier warehouse row and its landing file) is one message.
    sql.writeParquet(
      `
      SELECT
        (SELECT count(*) FROM (SELECT DISTINCT detection_oid, kafka_partition, kafka_offset FROM day_input) m) AS messages,
        (SELECT count(*) FROM detections) AS detections,
        (SELECT count(*) FROM detections WHERE kafka_timestamp >= ${int(job.endMs)}) AS late_events,
        (SELECT count(*) FROM detections WHERE geographical_location IS NULL) AS unknown_location_events,
        (SELECT count(DISTINCT geographical_location_oid) FROM detections) AS locations,
        (SELECT count(DISTINCT item_name) FROM detections) AS items,
        (SELECT count(*) FROM previous) AS warehouse_rows_read`,
      job.out.totals,
    ),
  ];
}
