// Detection rows of one oid bucket: warehouse rows HBase lacks are repaired
// (written per detection-cells.ts, cell timestamp = timestamp_detected, the
// same cells the speed layer would have written); rows only HBase has are
// reported, not deleted (the warehouse may be the one missing them).

import { decodeDetectionRowKey, detectionRowKey, detectionTableName, encodeDetectionCells, FAMILIES } from '../../common/contract';
import { putsWithRetry, type HBaseTables, type RowMutation } from '../../common/hbase';
import type { WarehouseRow } from '../schema/warehouse-schema';

export interface RowReconciliation {
  hbaseRows: number;
  repaired: number;
  repairedOids: string[];
  hbaseOnly: number;
  hbaseOnlyOids: string[];
  /**
   * Repaired rows a read-back still cannot see: a delete marker newer than
   * timestamp_detected masks a put at that timestamp until HBase's next major
   * compaction removes the marker (then the next run's repair sticks).
   */
  masked: number;
  maskedOids: string[];
}

const LIST_LIMIT = 200;

export async function reconcileBucketRows(
  hbase: HBaseTables,
  namespace: string,
  rows: readonly WarehouseRow[],
  hbaseOids: Set<bigint>,
  out: RowReconciliation,
): Promise<void> {
  out.hbaseRows += hbaseOids.size;
  const repairs: RowMutation[] = [];
  for (const row of rows) {
    if (hbaseOids.delete(row.detectionOid)) continue;
    const cells = encodeDetectionCells({
      ...row,
      locationKnown: row.geographicalLocation !== null,
      lineage: { partition: row.partition, offset: row.offset.toString() },
    });
    repairs.push({
      row: detectionRowKey(row.detectionOid),
      cells: cells.map((c) => ({ family: FAMILIES.detections, qualifier: c.qualifier, value: c.value, timestamp: row.timestampDetected })),
    });
    if (out.repairedOids.length < LIST_LIMIT) out.repairedOids.push(row.detectionOid.toString());
  }
  const table = detectionTableName(namespace);
  for (let i = 0; i < repairs.length; i += 1000) {
    const chunk = repairs.slice(i, i + 1000);
    await putsWithRetry(hbase, table, chunk);
    const back = await hbase.mget(
      table,
      chunk.map((m) => m.row),
      { families: [FAMILIES.detections] },
    );
    back.forEach((row, j) => {
      if (row !== null && row.cells.length > 0) return;
      out.masked++;
      if (out.maskedOids.length < LIST_LIMIT) out.maskedOids.push(decodeDetectionRowKey((chunk[j] as RowMutation).row).toString());
    });
  }
  out.repaired += repairs.length;
  out.hbaseOnly += hbaseOids.size;
  for (const oid of hbaseOids) {
    if (out.hbaseOnlyOids.length >= LIST_LIMIT) break;
    out.hbaseOnlyOids.push(oid.toString());
  }
}
