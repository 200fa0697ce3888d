// Every HDFS path of the project, under one root (HDFS_ROOT):
//
//   <root>/landing/detections/partition=<p>/<topic>+<p>+<start>+<end>.parquet
//   <root>/tmp/<token>/<the final path below root>          files being written
//   <root>/warehouse/detections/dt=YYYY-MM-DD/part-NNNNN.parquet, _SUCCESS
//   <root>/views/<view>/dt=YYYY-MM-DD/                       batch views
//   <root>/reports/dt=YYYY-MM-DD/report.{json,csv,html}      nightly reports (REPORT_FILES)
//   <root>/reference/version=<v>/                            Dataset B versions
//   <root>/quarantine/                                       files refused by a loader
//   <root>/locks/<name>.lock                                 one batch run at a time
//   <root>/batch/landing-index.json                          the batch's index of landing files
//
// Landing files follow the Kafka Connect HDFS sink: the name holds the topic,
// partition and the first and last (inclusive) offset, zero-padded to 20 digits
// so names sort by offset. A file is written under tmp/ and renamed into place,
// so readers never see half a file; a replay of the same offsets rewrites the
// same name instead of adding a duplicate; and the last landed offset of each
// partition can be recovered by listing the folder (lastLandedOffsets), with no
// other state to keep in sync. dt= and partition= folders are Hive-style, so
// Spark, Hive, pyarrow and DuckDB discover them as partition columns.

import { ValidationError } from '../errors';
import { dayRange } from './event-day';
import { formatInt64, INT64_MAX } from './int64';

export const OFFSET_DIGITS = 20;
export const SUCCESS_MARKER = '_SUCCESS';

export interface LandingFile {
  readonly topic: string;
  readonly partition: number;
  /** First offset in the file. */
  readonly startOffset: bigint;
  /** Last offset in the file (inclusive): the landing writer resumes at endOffset + 1. */
  readonly endOffset: bigint;
}

// Kafka topic names use only these characters, so '+' is a safe separator.
const NAME = /^[A-Za-z0-9._-]+$/;
const LANDING_FILE = /^([A-Za-z0-9._-]+)\+(0|[1-9]\d{0,9})\+(\d{20})\+(\d{20})\.parquet$/;

export function landingDir(root: string): string {
  return join(root, 'landing', 'detections');
}

export function landingPartitionDir(root: string, partition: number): string {
  return join(landingDir(root), `partition=${checkPartition(partition)}`);
}

export function landingFileName(file: LandingFile): string {
  const { topic, partition, startOffset, endOffset } = file;
  checkName(topic, 'topic');
  checkPartition(partition);
  if (startOffset < 0n || endOffset < startOffset || endOffset > INT64_MAX) {
    throw new ValidationError('invalid_path', `bad offset range ${startOffset}..${endOffset}`);
  }
  return `${topic}+${partition}+${padOffset(startOffset)}+${padOffset(endOffset)}.parquet`;
}

export function landingFilePath(root: string, file: LandingFile): string {
  return join(landingPartitionDir(root, file.partition), landingFileName(file));
}

/** Parses a landing file name (or a path ending in one); undefined for anything else, e.g. a tmp file. */
export function parseLandingFileName(nameOrPath: string): LandingFile | undefined {
  const match = LANDING_FILE.exec(nameOrPath.slice(nameOrPath.lastIndexOf('/') + 1));
  if (!match) return undefined;
  const startOffset = BigInt(match[3] as string);
  const endOffset = BigInt(match[4] as string);
  const partition = Number(match[2]);
  if (endOffset < startOffset || endOffset > INT64_MAX || partition > 0x7fffffff) return undefined;
  return { topic: match[1] as string, partition, startOffset, endOffset };
}

/** From a listing of landing names: per partition, the last offset landed for `topic`. */
export function lastLandedOffsets(names: Iterable<string>, topic: string): Map<number, bigint> {
  const last = new Map<number, bigint>();
  for (const name of names) {
    const file = parseLandingFileName(name);
    if (file === undefined || file.topic !== topic) continue;
    const known = last.get(file.partition);
    if (known === undefined || file.endOffset > known) last.set(file.partition, file.endOffset);
  }
  return last;
}

/** Where to write `finalPath` (under root) before renaming it into place; `token` keeps concurrent writers apart. */
export function tempPath(root: string, finalPath: string, token: string): string {
  const base = normaliseRoot(root);
  checkName(token, 'temp token');
  if (!finalPath.startsWith(`${base}/`) || finalPath.startsWith(`${base}/tmp/`)) {
    throw new ValidationError('invalid_path', `${finalPath} is not a final path under ${root}`);
  }
  return `${base}/tmp/${token}${finalPath.slice(base.length)}`;
}

export function tmpDir(root: string): string {
  return join(root, 'tmp');
}

export function warehouseDir(root: string): string {
  return join(root, 'warehouse', 'detections');
}

export function warehouseDayDir(root: string, day: string): string {
  return join(warehouseDir(root), dayFolder(day));
}

/** part-00000.parquet: padded like Spark's part files, so names sort in write order. */
export function warehousePartPath(root: string, day: string, part: number): string {
  if (!Number.isInteger(part) || part < 0 || part > 99999)
    throw new ValidationError('invalid_path', `part number must be 0..99999, got ${part}`);
  return join(warehouseDayDir(root, day), `part-${String(part).padStart(5, '0')}.parquet`);
}

export function warehouseSuccessPath(root: string, day: string): string {
  return join(warehouseDayDir(root, day), SUCCESS_MARKER);
}

/** State the batch keeps between runs (its index of landing files). */
export function batchStateDir(root: string): string {
  return join(root, 'batch');
}

/** JSON: per landing file, the event days it holds and how many rows of each (read once, then trusted). */
export function landingIndexPath(root: string): string {
  return join(batchStateDir(root), 'landing-index.json');
}

/** JSON: the landing files (and row counts) a warehouse day was compacted from; '_' so Spark and pyarrow skip it. */
export function warehouseManifestPath(root: string, day: string): string {
  return join(warehouseDayDir(root, day), '_manifest.json');
}

export function viewsDir(root: string): string {
  return join(root, 'views');
}

/** A batch view's folder for one day, e.g. viewDayDir(root, 'top_items', '2024-05-01'). */
export function viewDayDir(root: string, view: string, day: string): string {
  return join(viewsDir(root), checkName(view, 'view'), dayFolder(day));
}

export function reportsDir(root: string): string {
  return join(root, 'reports');
}

export function reportsDayDir(root: string, day: string): string {
  return join(reportsDir(root), dayFolder(day));
}

/** The files of a day's nightly report in reportsDayDir: the batch writes them, the API serves them by these names. */
export const REPORT_FILES = { json: 'report.json', csv: 'report.csv', html: 'report.html' } as const;
export type ReportFormat = keyof typeof REPORT_FILES;
export type ReportFile = (typeof REPORT_FILES)[ReportFormat];

export function referenceDir(root: string): string {
  return join(root, 'reference');
}

export function referenceVersionDir(root: string, version: string): string {
  return join(referenceDir(root), `version=${checkName(version, 'reference version')}`);
}

export function quarantineDir(root: string): string {
  return join(root, 'quarantine');
}

export function locksDir(root: string): string {
  return join(root, 'locks');
}

export function lockPath(root: string, name: string): string {
  return join(locksDir(root), `${checkName(name, 'lock name')}.lock`);
}

function padOffset(offset: bigint): string {
  return formatInt64(offset).padStart(OFFSET_DIGITS, '0');
}

function dayFolder(day: string): string {
  dayRange(day); // throws unless a real YYYY-MM-DD
  return `dt=${day}`;
}

function join(root: string, ...parts: string[]): string {
  return [normaliseRoot(root), ...parts].join('/');
}

/** '/utopia/' -> '/utopia', '/' -> '' (so joined paths have no '//'). */
function normaliseRoot(root: string): string {
  if (!root.startsWith('/') || root.includes('//') || /(^|\/)\.\.?(\/|$)/.test(root)) {
    throw new ValidationError('invalid_path', `HDFS root must be an absolute path, got ${JSON.stringify(root)}`);
  }
  return root.replace(/\/+$/, '');
}

function checkName(name: string, what: string): string {
  if (!NAME.test(name) || name === '.' || name === '..') {
    throw new ValidationError('invalid_path', `${what} must match [A-Za-z0-9._-]+, got ${JSON.stringify(name)}`);
  }
  return name;
}

function checkPartition(partition: number): number {
  if (!Number.isInteger(partition) || partition < 0 || partition > 0x7fffffff) {
    throw new ValidationError('invalid_path', `partition must be a non-negative integer, got ${partition}`);
  }
  return partition;
}
