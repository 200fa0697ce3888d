// The batch's index of landing files (HDFS <root>/batch/landing-index.json):
// per file, the rows of each event day and the invalid messages by day. A file
// is read once to index it; later runs find a day's files here without
// reading any other file, and a day's manifest (the files it was compacted
// from) compared with the index tells whether late files arrived for it.

import { landingIndexPath } from '../../common/contract';
import { parentOf, type HdfsStore } from '../../common/hdfs';

export interface IndexedFile {
  readonly path: string;
  readonly rowsByDay: Readonly<Record<string, number>>;
  readonly invalidByDay: Readonly<Record<string, number>>;
  /** HDFS modification time, epoch ms: retention counts from it. */
  readonly modificationTime: number;
}

export interface LandingIndex {
  readonly files: Record<string, IndexedFile>;
}

export async function loadLandingIndex(hdfs: HdfsStore, root: string): Promise<LandingIndex> {
  const path = landingIndexPath(root);
  if (!(await hdfs.exists(path))) return { files: {} };
  const parsed = JSON.parse((await hdfs.readFile(path)).toString('utf8')) as LandingIndex;
  return { files: parsed.files ?? {} };
}

export async function saveLandingIndex(hdfs: HdfsStore, root: string, index: LandingIndex): Promise<void> {
  const path = landingIndexPath(root);
  await hdfs.mkdirs(parentOf(path));
  const temporary = `${path}.${process.pid}.tmp`;
  await hdfs.upload(temporary, Buffer.from(JSON.stringify(index)), { overwrite: true });
  await hdfs.rename(temporary, path, { overwrite: true });
}

/** Names of the indexed files holding rows of `day`, sorted. */
export function filesOfDay(index: LandingIndex, day: string): string[] {
  return Object.keys(index.files)
    .filter((name) => (index.files[name]?.rowsByDay[day] ?? 0) > 0)
    .sort();
}

export function invalidOfDay(index: LandingIndex, day: string): number {
  return Object.values(index.files).reduce((sum, file) => sum + (file.invalidByDay[day] ?? 0), 0);
}

export function daysOf(index: LandingIndex): string[] {
  const days = new Set<string>();
  for (const file of Object.values(index.files)) for (const day of Object.keys(file.rowsByDay)) days.add(day);
  return [...days].sort();
}
