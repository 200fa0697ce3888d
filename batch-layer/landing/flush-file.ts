// Writes one partition buffer as a landing file: Parquet to a tmp/ path, then
// one rename to the name holding the offset range. A replay of the same range
// produces the same name, and rename with overwrite replaces it, so a file
// never lands twice under different names.

import crypto from 'node:crypto';
import { landingFilePath, landingPartitionDir, tempPath, tmpDir, type LandingFile } from '../../common/contract';
import { parentOf, type HdfsStore } from '../../common/hdfs';
import { encodeParquet } from '../../common/parquet';
import { INVALID_BY_DAY_KEY, LANDING_SCHEMA, landingBatch } from '../schema/landing-schema';
import type { PartitionBuffer } from './partition-buffer';
import { UtopiaError } from '../../common/errors';

export async function flushToHdfs(hdfs: HdfsStore, root: string, topic: string, buffer: PartitionBuffer): Promise<LandingFile> {
  if (buffer.firstOffset === undefined || buffer.lastOffset === undefined) throw new UtopiaError('nothing to flush');
  const file: LandingFile = { topic, partition: buffer.partition, startOffset: buffer.firstOffset, endOffset: buffer.lastOffset };
  const bytes = encodeParquet(LANDING_SCHEMA, landingBatch(buffer.rows), {
    metadata: { [INVALID_BY_DAY_KEY]: JSON.stringify(Object.fromEntries(buffer.invalidByDay)) },
  });
  const finalPath = landingFilePath(root, file);
  const token = `landing-${buffer.partition}-${crypto.randomBytes(6).toString('hex')}`;
  const temporary = tempPath(root, finalPath, token);
  await hdfs.mkdirs(parentOf(temporary));
  await hdfs.mkdirs(landingPartitionDir(root, buffer.partition));
  await hdfs.upload(temporary, bytes, { overwrite: true });
  await hdfs.rename(temporary, finalPath, { overwrite: true });
  await hdfs.delete(`${tmpDir(root)}/${token}`, { recursive: true }).catch(() => false);
  return file;
}
