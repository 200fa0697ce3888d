// Landing retention: a landing file older than the retention age is deleted
// once every day it holds is closed and compacted from it (its name is in
// that day's manifest); files of only invalid messages go when old. After
// that, the warehouse (with lineage) is the copy a recompaction starts from.

import type { HdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import type { LandingIndex } from '../compact/landing-index';
import { loadManifest } from '../compact/manifest';

export async function applyRetention(
  hdfs: HdfsStore,
  root: string,
  index: LandingIndex,
  olderThanMs: number,
  closed: (day: string) => boolean,
  logger: Logger,
): Promise<number> {
  const manifestFiles = new Map<string, Set<string>>();
  let deleted = 0;
  for (const [name, file] of Object.entries(index.files)) {
    if (file.modificationTime >= olderThanMs) continue;
    let compacted = true;
    for (const day of Object.keys(file.rowsByDay)) {
      if (!closed(day)) compacted = false;
      if (!compacted) break;
      if (!manifestFiles.has(day)) manifestFiles.set(day, new Set((await loadManifest(hdfs, root, day))?.files ?? []));
      if (!manifestFiles.get(day)?.has(name)) compacted = false;
    }
    if (!compacted) continue;
    await hdfs.delete(file.path);
    delete index.files[name];
    deleted++;
  }
  if (deleted > 0) logger.info(`retention: deleted ${deleted} compacted landing files`);
  return deleted;
}
