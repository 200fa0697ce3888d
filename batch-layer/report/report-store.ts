// The three report files of a day in HDFS (reportsDayDir, REPORT_FILES):
// report.json, report.csv and report.html, each written atomically. The
// serving layer serves them by the same names.

import { REPORT_FILES, reportsDayDir, type ReportFormat } from '../../common/contract';
import { writeAtomically, type HdfsStore } from '../../common/hdfs';
import type { DayReport } from './day-report';
import { reportCsv } from './report-csv';
import { reportHtml } from './report-html';

export async function saveDayReport(hdfs: HdfsStore, root: string, report: DayReport): Promise<string> {
  const dir = reportsDayDir(root, report.day);
  await hdfs.mkdirs(dir);
  await writeAtomically(hdfs, `${dir}/${REPORT_FILES.json}`, Buffer.from(JSON.stringify(report, null, 2)), { overwrite: true });
  await writeAtomically(hdfs, `${dir}/${REPORT_FILES.csv}`, Buffer.from(reportCsv(report)), { overwrite: true });
  await writeAtomically(hdfs, `${dir}/${REPORT_FILES.html}`, Buffer.from(reportHtml(report)), { overwrite: true });
  return dir;
}

export async function loadDayReport(
  hdfs: HdfsStore,
  root: string,
  day: string,
  format: ReportFormat = 'json',
): Promise<string | undefined> {
  const path = `${reportsDayDir(root, day)}/${REPORT_FILES[format]}`;
  if (!(await hdfs.exists(path))) return undefined;
  return (await hdfs.readFile(path)).toString('utf8');
}
