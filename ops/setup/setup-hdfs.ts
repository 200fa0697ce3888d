// Creates the project's HDFS folder tree (mkdirs is idempotent).

import type { Config } from '../../common/config';
import { landingDir, locksDir, quarantineDir, referenceDir, reportsDir, tmpDir, viewsDir, warehouseDir } from '../../common/contract';
import { createHdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';

export async function setupHdfs(config: Config, log: Logger): Promise<string[]> {
  const store = createHdfsStore(config.hdfs, { logger: log });
  const root = config.hdfs.root;
  const folders = [
    landingDir(root),
    warehouseDir(root),
    viewsDir(root),
    reportsDir(root),
    referenceDir(root),
    quarantineDir(root),
    locksDir(root),
    tmpDir(root),
  ];
  for (const folder of folders) await store.mkdirs(folder);
  return folders.map((folder) => `hdfs folder ${folder}: ready`);
}
