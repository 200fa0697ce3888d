// The last offset landed for a partition, recovered from the HDFS listing
// itself (file names carry offset ranges): no other state to keep in sync.

import { landingPartitionDir, lastLandedOffsets } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';

export async function lastLandedOffset(hdfs: HdfsStore, root: string, topic: string, partition: number): Promise<bigint | undefined> {
  const dir = landingPartitionDir(root, partition);
  if (!(await hdfs.exists(dir))) return undefined;
  const names = (await hdfs.list(dir)).map((entry) => entry.name);
  return lastLandedOffsets(names, topic).get(partition);
}
