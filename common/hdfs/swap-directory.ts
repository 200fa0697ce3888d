// Puts a fully written staging folder in place of a final folder. HDFS rename
// with overwrite cannot replace a non-empty folder, so: rename the old one
// away (under tmp/), rename the new one in, delete the old one.

import { tmpDir } from '../contract';
import { parentOf } from './hdfs-path';
import type { HdfsStore } from './hdfs-store';

export async function swapDirectory(hdfs: HdfsStore, root: string, staging: string, final: string, token: string): Promise<void> {
  const old = `${tmpDir(root)}/${token}-old-${final.slice(final.lastIndexOf('/') + 1)}`;
  await hdfs.mkdirs(parentOf(final));
  const hadOld = await hdfs.exists(final);
  if (hadOld) await hdfs.rename(final, old);
  await hdfs.rename(staging, final);
  if (hadOld) await hdfs.delete(old, { recursive: true });
}
