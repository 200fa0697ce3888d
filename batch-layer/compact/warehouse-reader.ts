// Reads a day's existing warehouse partition back as landing rows (the
// lineage columns make that lossless), for a recompaction that merges late
// landing files into what was compacted before, even after retention removed
// the earlier landing files.

import { SUCCESS_MARKER, warehouseDayDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';
import { ParquetError } from '../../common/errors';
import { openParquet } from '../../common/parquet';
import { DecodedColumns, warehouseRowsOf } from '../schema/decoded-columns';
import type { LandingRow } from '../schema/landing-row';

export async function readWarehouseDay(hdfs: HdfsStore, root: string, day: string, onRows: (rows: LandingRow[]) => void): Promise<number> {
  const dir = warehouseDayDir(root, day);
  if (!(await hdfs.exists(`${dir}/${SUCCESS_MARKER}`))) return 0;
  let total = 0;
  for (const entry of await hdfs.list(dir)) {
    if (!entry.name.endsWith('.parquet')) continue;
    const file = await openParquet(await hdfs.readFile(`${dir}/${entry.name}`), `${dir}/${entry.name}`);
    try {
      for (let g = 0; g < file.footer.rowGroups.length; g++) {
        const n = file.footer.rowGroups[g]!.numRows;
        const columns = new DecodedColumns(
          await file.readRowGroup(g),
          n,
          (message) => new ParquetError(`${dir}/${entry.name}: ${message}`),
        );
        onRows(warehouseRowsOf(columns));
        total += n;
      }
    } finally {
      await file.close();
    }
  }
  return total;
}
