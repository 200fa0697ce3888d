// Reads a day's existing warehouse partition back as landing rows (the
// lineage columns make that lossless), for a recompaction that merges late
// landing files into what was compacted before, even after retention removed
// the earlier landing files.

import { SUCCESS_MARKER, warehouseDayDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';
import { openParquet } from '../../common/parquet';
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
        const c = await file.readRowGroup(g);
        const n = file.footer.rowGroups[g]!.numRows;
        const get = (name: string) => c.get(name) as unknown[];
        const [oid, loc, cam, item, ts, part, off, kts] = [
          'detection_oid',
          'geographical_location_oid',
          'video_camera_oid',
          'item_name',
          'timestamp_detected',
          'kafka_partition',
          'kafka_offset',
          'kafka_timestamp',
        ].map(get);
        const rows: LandingRow[] = new Array<LandingRow>(n);
        for (let i = 0; i < n; i++) {
          rows[i] = {
            detectionOid: oid![i] as bigint,
            geographicalLocationOid: loc![i] as bigint,
            videoCameraOid: cam![i] as bigint,
            itemName: item![i] as string,
            timestampDetected: Number(ts![i]),
            partition: part![i] as number,
            offset: off![i] as bigint,
            kafkaTimestamp: Number(kts![i]),
          };
        }
        total += n;
        onRows(rows);
      }
    } finally {
      await file.close();
    }
  }
  return total;
}
