// What the batch publishes in the meta table for the other layers: the
// watermark (last closed day served from the batch view), the last
// reconciliation figures and the last run.

import { FAMILIES, META_QUALIFIERS, META_ROWS, metaTableName } from '../../common/contract';
import { cellValue, type HBaseTables } from '../../common/hbase';
import { UtopiaError } from '../../common/errors';

export async function readWatermark(hbase: HBaseTables, namespace: string): Promise<string | undefined> {
  const row = await hbase.get(metaTableName(namespace), Buffer.from(META_ROWS.watermark), { families: [FAMILIES.meta] });
  return cellValue(row, FAMILIES.meta, META_QUALIFIERS.watermarkDay)?.toString('utf8');
}

/** Moves the watermark forward to `day` (never back); returns the watermark now in force. */
export async function advanceWatermark(hbase: HBaseTables, namespace: string, day: string): Promise<string> {
  const table = metaTableName(namespace);
  const row = Buffer.from(META_ROWS.watermark);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readWatermark(hbase, namespace);
    if (current !== undefined && current >= day) return current;
    const ok = await hbase.checkAndPut(
      table,
      { family: FAMILIES.meta, qualifier: META_QUALIFIERS.watermarkDay, value: current === undefined ? null : Buffer.from(current) },
      { row, cells: [{ family: FAMILIES.meta, qualifier: META_QUALIFIERS.watermarkDay, value: Buffer.from(day), timestamp: Date.now() }] },
    );
    if (ok) return day;
  }
  throw new UtopiaError('watermark kept changing under us');
}

export async function putMetaJson(
  hbase: HBaseTables,
  namespace: string,
  rowName: string,
  qualifier: string,
  value: unknown,
): Promise<void> {
  await hbase.put(metaTableName(namespace), {
    row: Buffer.from(rowName),
    cells: [{ family: FAMILIES.meta, qualifier, value: Buffer.from(JSON.stringify(value)), timestamp: Date.now() }],
  });
}
