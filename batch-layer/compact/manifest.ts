// The per-day manifest written inside the warehouse partition: which landing
// files the day was compacted from and the figures a later recompaction
// carries forward.

import { warehouseManifestPath } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';

export interface DayManifest {
  readonly day: string;
  readonly runId: string;
  readonly files: readonly string[];
  readonly landedRows: number;
  readonly duplicates: number;
  readonly rows: number;
  readonly referenceVersion: string;
  readonly writtenAt: string;
}

export async function loadManifest(hdfs: HdfsStore, root: string, day: string): Promise<DayManifest | undefined> {
  const path = warehouseManifestPath(root, day);
  if (!(await hdfs.exists(path))) return undefined;
  return JSON.parse((await hdfs.readFile(path)).toString('utf8')) as DayManifest;
}
