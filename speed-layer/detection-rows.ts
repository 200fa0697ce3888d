// Reads the lineage of existing detection rows and turns enriched detections
// into the puts of the detection table and of the live feed (table recent).
// Both use cell timestamp = timestamp_detected, so a replayed put writes the
// very same cells.

import { cellValue, type HBaseTables, type RowMutation } from '../common/hbase';
import {
  detectionLineage,
  detectionRowKey,
  encodeDetectionCells,
  FAMILIES,
  recentRowKey,
  type EnrichedDetection,
} from '../common/contract';

/** Lineage of each existing row among `oids`. */
export async function readLineage(store: HBaseTables, table: string, oids: readonly bigint[]): Promise<Map<bigint, string>> {
  const rows = await store.mget(table, oids.map(detectionRowKey), { families: [FAMILIES.detections] });
  const lineage = new Map<bigint, string>();
  rows.forEach((row, i) => {
    if (!row) return;
    const src = detectionLineage((qualifier) => cellValue(row, FAMILIES.detections, qualifier));
    if (src !== undefined) lineage.set(oids[i] as bigint, src);
  });
  return lineage;
}

export function detectionMutations(rows: readonly EnrichedDetection[]): { detections: RowMutation[]; recent: RowMutation[] } {
  const detections: RowMutation[] = [];
  const recent: RowMutation[] = [];
  for (const row of rows) {
    const timestamp = row.timestampDetected;
    const cells = encodeDetectionCells(row);
    detections.push({
      row: detectionRowKey(row.detectionOid),
      cells: cells.map((c) => ({ family: FAMILIES.detections, qualifier: c.qualifier, value: c.value, timestamp })),
    });
    recent.push({
      row: recentRowKey(row.geographicalLocationOid, timestamp, row.detectionOid),
      cells: cells.map((c) => ({ family: FAMILIES.recent, qualifier: c.qualifier, value: c.value, timestamp })),
    });
  }
  return { detections, recent };
}
