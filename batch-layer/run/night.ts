// What every part of one nightly run shares (batch-run.ts builds it under the
// lock): the stores, the run's id and clock, the spill of landing rows by oid
// bucket, and the landing files quarantined so far.

import { bucketOf, eventDay } from '../../common/contract';
import type { Clock } from '../../common/clock';
import type { Config } from '../../common/config';
import { errorMessage, ParquetError } from '../../common/errors';
import { readLandingFile, type LandingFileContent } from '../compact/landing-file-reader';
import type { ListedFile } from '../compact/landing-listing';
import { quarantineFile } from '../compact/quarantine';
import type { SpillWriter } from '../spill/spill';
import type { SqlEngine } from '../sql/sql-engine';
import type { DayContext } from './run-day';

/** The stores, root, namespace, buckets, run id, start (`now`) and local work folder are those each day runs with. */
export interface Night extends Omit<DayContext, 'partRows' | 'topX' | 'reference'> {
  readonly config: Config;
  readonly clock: Clock;
  readonly closed: (day: string) => boolean;
  readonly spill: SpillWriter;
  /** Absent with the node engine; a SQL engine reads the landing files itself. */
  readonly sqlEngine: SqlEngine | undefined;
  /** Day -> landing files whose rows of that day are in the spill already. */
  readonly spilled: Map<string, Set<string>>;
  /** Names of the landing files quarantined by this run. */
  readonly quarantined: string[];
}

/**
 * Reads one landing file and spills its rows of the `wanted` days; returns the
 * file's figures by day, or undefined when it does not decode (it is then
 * quarantined, and the run exits 1 after doing the rest).
 */
export async function spillLandingFile(
  night: Night,
  file: ListedFile,
  wanted: (day: string) => boolean,
): Promise<LandingFileContent | undefined> {
  try {
    // Rows come in runs of one day: whether a day is wanted is asked once per run, not per row.
    let lastDay: string | undefined;
    let spilling = false;
    return await readLandingFile(night.hdfs, file.path, (rows) => {
      for (const row of rows) {
        const day = eventDay(row.timestampDetected);
        if (day !== lastDay) {
          lastDay = day;
          spilling = wanted(day);
          if (spilling) {
            let set = night.spilled.get(day);
            if (!set) night.spilled.set(day, (set = new Set()));
            set.add(file.name);
          }
        }
        if (spilling) night.spill.add(day, bucketOf(row.detectionOid, night.buckets), row);
      }
    });
  } catch (error) {
    if (!(error instanceof ParquetError)) throw error;
    const target = await quarantineFile(night.hdfs, night.root, file.path, night.runId);
    night.quarantined.push(file.name);
    night.logger.error(`quarantined ${file.path} -> ${target}: ${errorMessage(error)}`);
    return undefined;
  }
}
