// Reads one landing file from HDFS through the column-chunk path, row group by
// row group. A file that does not decode is a ParquetError for the caller to
// quarantine.

import { eventDay } from '../../common/contract';
import { ParquetError } from '../../common/errors';
import type { HdfsStore } from '../../common/hdfs';
import { openParquet } from '../../common/parquet';
import type { LandingRow } from '../schema/landing-row';
import { DecodedColumns, landingRowsOf } from '../schema/decoded-columns';
import { INVALID_BY_DAY_KEY } from '../schema/landing-schema';

export interface LandingFileContent {
  readonly invalidByDay: Record<string, number>;
  readonly rowsByDay: Record<string, number>;
}

/** Calls `onRows` per row group; returns the per-day figures of the whole file. */
export async function readLandingFile(hdfs: HdfsStore, path: string, onRows: (rows: LandingRow[]) => void): Promise<LandingFileContent> {
  const bytes = await hdfs.readFile(path);
  const file = await openParquet(bytes, path);
  const rowsByDay: Record<string, number> = {};
  try {
    for (let g = 0; g < file.footer.rowGroups.length; g++) {
      const group = file.footer.rowGroups[g]!;
      let rows: LandingRow[];
      try {
        rows = landingRowsOf(new DecodedColumns(await file.readRowGroup(g), group.numRows, (m) => new ParquetError(`landing ${m}`)));
      } catch (error) {
        if (error instanceof ParquetError) throw error;
        throw new ParquetError(`${path}: row group ${g} is not a landing row group: ${(error as Error).message}`, { cause: error });
      }
      for (const row of rows) {
        const day = eventDay(row.timestampDetected);
        rowsByDay[day] = (rowsByDay[day] ?? 0) + 1;
      }
      onRows(rows);
    }
    let invalidByDay: Record<string, number> = {};
    const raw = file.footer.metadata[INVALID_BY_DAY_KEY];
    if (raw) invalidByDay = JSON.parse(raw) as Record<string, number>;
    return { invalidByDay, rowsByDay };
  } finally {
    await file.close();
  }
}
