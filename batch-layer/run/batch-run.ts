// `utopia batch run`: one nightly run. Under the HDFS lock it
//   1. indexes new landing files (each read once; rows of closed days spilled
//      by oid bucket on the way; undecodable files quarantined),
//   2. picks the days to compact: --date, or every closed day whose landing
//      files are not all in its manifest (first compaction or late files)
//      (both in index-landing.ts),
//   3. runs each day (compact-day.ts, run-day.ts) and writes its report,
//   4. applies landing retention and advances the watermark.
// Re-running changes nothing: a day whose manifest covers its files is skipped
// unless named with --date, and then rebuilt to the same result.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock';
import type { BatchEngine, Config } from '../../common/config';
import { isEventDay, META_QUALIFIERS, META_ROWS } from '../../common/contract';
import { errorMessage, ValidationError } from '../../common/errors';
import type { HBaseTables } from '../../common/hbase';
import type { HdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import type { Progress } from '../../common/progress';
import { CurrentReference } from '../../common/reference';
import { saveLandingIndex, type LandingIndex } from '../compact/landing-index';
import type { DayReport } from '../report/day-report';
import { SpillWriter } from '../spill/spill';
import { createSqlEngine } from '../sql/create-sql-engine';
import type { SqlEngine } from '../sql/sql-engine';
import { acquireBatchLock } from './batch-lock';
import { advanceWatermark, putMetaJson } from './batch-meta';
import { isDayClosed } from './closed-days';
import { compactDay } from './compact-day';
import { daysToCompact, indexLanding, removeStaleStaging } from './index-landing';
import type { Night } from './night';
import { applyRetention } from './retention';
import type { DayReference } from './run-day';

export interface BatchRunDeps {
  readonly config: Config;
  readonly hdfs: HdfsStore;
  readonly hbase: HBaseTables;
  readonly logger: Logger;
  /** Phases, rows and time left for a person watching (`utopia batch run` on a terminal). */
  readonly progress?: Progress;
}

export interface BatchRunOptions {
  readonly date?: string;
  /** Wait this long for a running batch to finish; 0 refuses at once. */
  readonly lockWaitMs?: number;
  /** The run's clock: which days are closed, retention, the run id (default the system clock; `--now` fixes it). */
  readonly clock?: Clock;
  /** Engine of the days' compaction; default BATCH_ENGINE. */
  readonly engine?: BatchEngine;
  /** A SQL engine to use as given (tests: a Spark standalone master); default: made from the config. */
  readonly sqlEngine?: SqlEngine;
}

export interface BatchRunResult {
  readonly runId: string;
  readonly days: readonly DayReport[];
  readonly quarantined: readonly string[];
  readonly watermark: string | undefined;
  readonly retentionDeleted: number;
  /** 0 all good; 1 some landing file was quarantined (the rest was processed). */
  readonly exitCode: number;
}

export async function runBatch(deps: BatchRunDeps, options: BatchRunOptions = {}): Promise<BatchRunResult> {
  const { config, hdfs, logger } = deps;
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const closed = (day: string): boolean => isDayClosed(day, now, config.batch.closeGraceMin);
  checkDate(options.date, closed, config.batch.closeGraceMin);
  const runId = `run-${new Date(now).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${crypto.randomBytes(3).toString('hex')}`;
  const lock = await acquireBatchLock(hdfs, config.hdfs.root, {
    leaseMs: config.batch.lockLeaseS * 1000,
    waitMs: options.lockWaitMs ?? 0,
    onWait: (holder) => logger.info(`waiting for the batch lock held by ${holder}`),
  });
  const workDir = path.join(config.batch.workDir, runId);
  const spill = new SpillWriter(path.join(workDir, 'by-oid'));
  const engineName = options.engine ?? config.batch.engine;
  try {
    logger.info(`${runId}: started (engine ${engineName})`);
    const sqlEngine =
      engineName === 'node' ? undefined : (options.sqlEngine ?? (await createSqlEngine(engineName, config, logger, workDir)));
    const night: Night = {
      ...deps,
      root: config.hdfs.root,
      namespace: config.hbase.namespace,
      buckets: config.batch.spillBuckets,
      runId,
      clock,
      now,
      workDir,
      closed,
      spill,
      sqlEngine,
      spilled: new Map(),
      quarantined: [],
    };
    return await runNight(night, options.date);
  } finally {
    spill.remove();
    fs.rmSync(workDir, { recursive: true, force: true });
    await lock.release().catch((error) => logger.warn(`could not release the batch lock: ${errorMessage(error)}`));
  }
}

function checkDate(date: string | undefined, closed: (day: string) => boolean, closeGraceMin: number): void {
  if (date === undefined) return;
  if (!isEventDay(date)) throw new ValidationError('invalid_day', `--date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  if (!closed(date)) throw new ValidationError('day_open', `${date} is not closed yet (closes ${closeGraceMin} min after its UTC end)`);
}

/** Steps 1 to 4 under the lock. */
async function runNight(night: Night, date: string | undefined): Promise<BatchRunResult> {
  await removeStaleStaging(night);
  const landing = await indexLanding(night);
  const { targets, manifests } = await daysToCompact(night, landing.index, date);
  const current = await new CurrentReference(night.hbase, night.namespace).read();
  const reference: DayReference = { version: current.version ?? 'none', names: current.names };
  const reports: DayReport[] = [];
  for (const day of targets) reports.push(await compactDay(night, landing, day, manifests.get(day), reference));
  return finishNight(night, landing.index, reports);
}

/** Step 4: landing retention, the watermark and the run's figures in meta. */
async function finishNight(night: Night, index: LandingIndex, reports: readonly DayReport[]): Promise<BatchRunResult> {
  const { config, hdfs, hbase, root, namespace, runId, clock, now, quarantined } = night;
  const retentionDeleted = await applyRetention(
    hdfs,
    root,
    index,
    now - config.batch.landingRetentionDays * 86_400_000,
    night.closed,
    night.logger,
  );
  await saveLandingIndex(hdfs, root, index);
  let watermark: string | undefined;
  const latest = reports
    .map((r) => r.day)
    .sort()
    .pop();
  if (latest !== undefined) watermark = await advanceWatermark(hbase, namespace, latest);
  const exitCode = quarantined.length > 0 ? 1 : 0;
  await putMetaJson(hbase, namespace, META_ROWS.batchLastRun, META_QUALIFIERS.batchRunReport, {
    runId,
    status: exitCode === 0 ? 'ok' : 'quarantined_files',
    finishedAt: new Date(clock.now()).toISOString(),
    durationMs: clock.now() - now,
    days: reports.map((r) => ({ day: r.day, durationMs: r.durationMs, phasesMs: r.phasesMs, totals: r.totals })),
    quarantined,
    watermark,
  });
  return { runId, days: reports, quarantined, watermark, retentionDeleted, exitCode };
}
