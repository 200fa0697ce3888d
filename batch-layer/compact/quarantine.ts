// A landing file that does not decode is moved to <root>/quarantine/ (not
// skipped silently): the run reports it and exits non-zero, and since it no
// longer lists under landing/, a restarted landing writer re-lands its offset
// range from Kafka if the topic still holds it.

import { quarantineDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';

export async function quarantineFile(hdfs: HdfsStore, root: string, path: string, stamp: string): Promise<string> {
  const dir = `${quarantineDir(root)}/landing-${stamp}`;
  await hdfs.mkdirs(dir);
  const target = `${dir}/${path.slice(path.lastIndexOf('/') + 1)}`;
  await hdfs.rename(path, target, { overwrite: true });
  return target;
}
