// Every landing file in HDFS: name -> path and modification time.

import { landingDir, parseLandingFileName } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';

export interface ListedFile {
  readonly name: string;
  readonly path: string;
  readonly modificationTime: number;
}

export async function listLandingFiles(hdfs: HdfsStore, root: string): Promise<ListedFile[]> {
  const base = landingDir(root);
  if (!(await hdfs.exists(base))) return [];
  const files: ListedFile[] = [];
  for (const dir of await hdfs.list(base)) {
    if (dir.type !== 'DIRECTORY' || !dir.name.startsWith('partition=')) continue;
    for (const entry of await hdfs.list(`${base}/${dir.name}`)) {
      if (entry.type === 'FILE' && parseLandingFileName(entry.name))
        files.push({ name: entry.name, path: `${base}/${dir.name}/${entry.name}`, modificationTime: entry.modificationTime });
    }
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}
