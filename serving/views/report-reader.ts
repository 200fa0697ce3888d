// The nightly reports the batch layer writes to HDFS (reportsDayDir): only
// the three known file names can be read, so no request names an HDFS path.

import { REPORT_FILES, reportsDayDir, type ReportFile } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';

/** The content type of each report file (the contract's REPORT_FILES). */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFile, string>> = {
  [REPORT_FILES.json]: 'application/json',
  [REPORT_FILES.csv]: 'text/csv; charset=utf-8',
  [REPORT_FILES.html]: 'text/html; charset=utf-8',
};

export interface ReportListing {
  readonly day: string;
  readonly files: readonly { readonly name: ReportFile; readonly bytes: number; readonly modifiedAt: string }[];
}

export class ReportReader {
  constructor(
    private readonly hdfs: HdfsStore,
    private readonly root: string,
  ) {}

  /** null when no report exists for the day. */
  async list(day: string): Promise<ReportListing | null> {
    const dir = reportsDayDir(this.root, day);
    if (!(await this.hdfs.exists(dir))) return null;
    const entries = await this.hdfs.list(dir);
    const files = entries
      .filter((e) => e.type === 'FILE' && Object.hasOwn(REPORT_CONTENT_TYPES, e.name))
      .map((e) => ({ name: e.name as ReportFile, bytes: e.length, modifiedAt: new Date(e.modificationTime).toISOString() }));
    return files.length === 0 ? null : { day, files };
  }

  async read(day: string, file: ReportFile): Promise<Buffer | null> {
    const path = `${reportsDayDir(this.root, day)}/${file}`;
    if (!(await this.hdfs.exists(path))) return null;
    return this.hdfs.readFile(path);
  }
}
