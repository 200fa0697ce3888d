// Writes the batch view into HBase (table batch_views, family v):
//   hour counts per count-key.ts (granularity hour), qualifier "n", 8-byte int64;
//   daily top-X per top-items-key.ts, qualifiers item, count (decimal), name.
// A recompaction rewrites every row; hour rows and top-X rows of the day the
// new run did not write are deleted (a late copy that wins with another item
// or time moves a detection to another key).

import {
  BATCH_COUNT_QUALIFIER,
  batchViewsTableName,
  countScanRange,
  dayRange,
  encodeBatchCount,
  FAMILIES,
  topItemsPrefix,
  topItemsRowKey,
} from '../../common/contract';
import { PutPipeline, putsWithRetry, type HBaseTables, type RowMutation } from '../../common/hbase';
import type { TopItem } from '../schema/top-x';

const CHUNK = 2000;
/** Multi-puts in flight: the region servers work while the next chunk is built. */
const IN_FLIGHT = 4;

export async function putHourCounts(
  hbase: HBaseTables,
  namespace: string,
  hour: Iterable<{ readonly row: Buffer; readonly count: number }>,
  stamp: number,
): Promise<void> {
  const table = batchViewsTableName(namespace);
  const writes = new PutPipeline(hbase, table, CHUNK, IN_FLIGHT);
  for (const { row, count } of hour)
    await writes.add({
      row,
      cells: [{ family: FAMILIES.batchViews, qualifier: BATCH_COUNT_QUALIFIER, value: encodeBatchCount(BigInt(count)), timestamp: stamp }],
    });
  await writes.finish();
}

export async function putTopItems(
  hbase: HBaseTables,
  namespace: string,
  day: string,
  items: readonly TopItem[],
  stamp: number,
): Promise<Set<string>> {
  const table = batchViewsTableName(namespace);
  const written = new Set<string>();
  const mutations: RowMutation[] = items.map((item) => {
    const row = topItemsRowKey(day, item.locationOid, item.rank);
    written.add(row.toString('latin1'));
    const cells = [
      { family: FAMILIES.batchViews, qualifier: 'item', value: Buffer.from(item.itemName, 'utf8'), timestamp: stamp },
      { family: FAMILIES.batchViews, qualifier: 'count', value: Buffer.from(String(item.count)), timestamp: stamp },
    ];
    if (item.locationName !== null)
      cells.push({ family: FAMILIES.batchViews, qualifier: 'name', value: Buffer.from(item.locationName, 'utf8'), timestamp: stamp });
    return { row, cells };
  });
  for (let i = 0; i < mutations.length; i += CHUNK) await putsWithRetry(hbase, table, mutations.slice(i, i + CHUNK));
  return written;
}

/** Hour rows (item and total scope) of `locations` on `day` that `keep` lacks: deleted. */
export async function deleteStaleHourRows(
  hbase: HBaseTables,
  namespace: string,
  day: string,
  locations: Iterable<bigint>,
  keep: (row: Buffer) => boolean,
): Promise<number> {
  const table = batchViewsTableName(namespace);
  const { startMs, endMs } = dayRange(day);
  let deleted = 0;
  for (const location of locations) {
    for (const scope of ['item', 'total'] as const) {
      const { startRow, stopRow } = countScanRange('hour', scope, location, startMs, endMs);
      for await (const row of hbase.scan(table, { start: startRow, stop: stopRow, caching: 1000 })) {
        if (!keep(row.key)) {
          await hbase.delete(table, row.key);
          deleted++;
        }
      }
    }
  }
  return deleted;
}

export async function deleteStaleTopRows(hbase: HBaseTables, namespace: string, day: string, keep: ReadonlySet<string>): Promise<number> {
  const table = batchViewsTableName(namespace);
  let deleted = 0;
  for await (const row of hbase.scan(table, { prefix: topItemsPrefix(day), caching: 1000 })) {
    if (!keep.has(row.key.toString('latin1'))) {
      await hbase.delete(table, row.key);
      deleted++;
    }
  }
  return deleted;
}
