// Landing files the nightly batch quarantined (undecodable) are re-landed from
// Kafka, as quarantine.ts promises: a quarantined file keeps its name (topic,
// partition, offset range) under <root>/quarantine/landing-<stamp>/, and when
// no landing file covers that range any more the landing writer reads it
// again (if the topic still holds it) and writes it as a new landing file.
// Re-landing never commits an offset (the group's offset is past the range
// already); a crash before the file is renamed simply re-lands it at the next
// assignment. The newest file of a partition needs none of this: the landing
// writer already resumes after the newest landed offset.

import { landingPartitionDir, parseLandingFileName, quarantineDir, type LandingFile } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';

export interface OffsetRange {
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * The quarantined ranges of a partition to land again, ascending: those not
 * covered by a landed file, below the newest landed offset (above it the
 * writer's normal resume re-reads them), and still held by the topic.
 */
export function rangesToReland(landed: readonly LandingFile[], quarantined: readonly LandingFile[], lowWatermark: bigint): OffsetRange[] {
  const newest = landed.reduce<bigint | undefined>((max, f) => (max === undefined || f.endOffset > max ? f.endOffset : max), undefined);
  const covered = (range: LandingFile): boolean => landed.some((f) => f.startOffset <= range.startOffset && f.endOffset >= range.endOffset);
  const seen = new Set<string>();
  return quarantined
    .filter((q) => newest !== undefined && q.endOffset <= newest && q.startOffset >= lowWatermark && !covered(q))
    .filter((q) => !seen.has(`${q.startOffset}`) && seen.add(`${q.startOffset}`) !== undefined)
    .map((q) => ({ start: q.startOffset, end: q.endOffset }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Landed and quarantined files of one partition, from the HDFS listings. */
export async function partitionFiles(
  hdfs: HdfsStore,
  root: string,
  topic: string,
  partition: number,
): Promise<{ landed: LandingFile[]; quarantined: LandingFile[] }> {
  const mine = (names: Iterable<string>): LandingFile[] =>
    [...names]
      .map((name) => parseLandingFileName(name))
      .filter((f): f is LandingFile => f !== undefined && f.topic === topic && f.partition === partition);
  const dir = landingPartitionDir(root, partition);
  const landed = (await hdfs.exists(dir)) ? mine((await hdfs.list(dir)).map((e) => e.name)) : [];
  const quarantined: LandingFile[] = [];
  const qdir = quarantineDir(root);
  if (await hdfs.exists(qdir)) {
    for (const stamp of await hdfs.list(qdir)) {
      if (!stamp.name.startsWith('landing-')) continue;
      quarantined.push(...mine((await hdfs.list(`${qdir}/${stamp.name}`)).map((e) => e.name)));
    }
  }
  return { landed, quarantined };
}
