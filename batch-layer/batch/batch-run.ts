// `utopia batch run`: one nightly run. Under the HDFS lock it
//   1. indexes new landing files (each read once; rows of closed days spilled
//      by oid bucket on the way; undecodable files quarantined),
//   2. picks the days to compact: --date, or every closed day whose landing
//      files are not all in its manifest (first compaction or late files),
//   3. runs each day (run-day.ts) and writes its report,
//   4. applies landing retention and advances the watermark.
// Re-running changes nothing: a day whose manifest covers its files is skipped
// unless named with --date, and then rebuilt to the same result.

import { systemClock, type Clock } from '../../common/clock';
import { isDayClosed } from './closed-days';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BatchEngine, Config } from '../../common/config';
import { bucketOf, eventDay, isEventDay, META_QUALIFIERS, META_ROWS, tmpDir } from '../../common/contract';
import { errorMessage, ParquetError, ValidationError } from '../../common/errors';
import type { HBaseTables } from '../../common/hbase';
import type { HdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import type { Progress } from '../../common/progress';
import type { DayReport } from '../report/day-report';
import { saveDayReport } from '../report/report-store';
import { acquireBatchLock } from './batch-lock';
import { advanceWatermark, putMetaJson } from './batch-meta';
import { filesOfDay, invalidOfDay, daysOf, loadLandingIndex, saveLandingIndex } from './landing-index';
import { readLandingFile } from './landing-file-reader';
import { listLandingFiles, type ListedFile } from './landing-listing';
import { loadManifest, type DayManifest } from './manifest';
import { quarantineFile } from './quarantine';
import { loadCurrentReference } from './reference-loader';
import { applyRetention } from './retention';
import { runDay } from './run-day';
import { SpillWriter } from './spill';
import { readWarehouseDay } from './warehouse-reader';
import { createSqlEngine } from '../sql/create-sql-engine';
import type { SqlEngine } from '../sql/sql-engine';
import { runSqlDay, type SqlDayResult } from '../sql/sql-day';

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
  const { config, hdfs, hbase, logger } = deps;
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const root = config.hdfs.root;
  const ns = config.hbase.namespace;
  const buckets = config.batch.spillBuckets;
  if (options.date !== undefined && !isEventDay(options.date)) throw new ValidationError('invalid_day', `--date must be YYYY-MM-DD, got ${JSON.stringify(options.date)}`);
  const closed = (day: string): boolean => isDayClosed(day, now, config.batch.closeGraceMin);
  if (options.date !== undefined && !closed(options.date)) throw new ValidationError('day_open', `${options.date} is not closed yet (closes ${config.batch.closeGraceMin} min after its UTC end)`);

  const runId = `run-${new Date(now).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${crypto.randomBytes(3).toString('hex')}`;
  const lock = await acquireBatchLock(hdfs, root, {
    leaseMs: config.batch.lockLeaseS * 1000, waitMs: options.lockWaitMs ?? 0, onWait: (holder) => logger.info(`waiting for the batch lock held by ${holder}`),
  });
  const spill = new SpillWriter(path.join(config.batch.workDir, runId, 'by-oid'));
  const engineName = options.engine ?? config.batch.engine;
  try {
    logger.info(`${runId}: started (engine ${engineName})`);
    const sqlEngine = engineName === 'node' ? undefined : (options.sqlEngine ?? (await createSqlEngine(engineName, config, logger, path.join(config.batch.workDir, runId))));
    // Staging folders of an earlier run that crashed: we hold the lock, so no run is using them.
    if (await hdfs.exists(tmpDir(root))) {
      for (const entry of await hdfs.list(tmpDir(root))) if (entry.name.startsWith('run-')) await hdfs.delete(`${tmpDir(root)}/${entry.name}`, { recursive: true });
    }
    const listed = await listLandingFiles(hdfs, root);
    const byName = new Map(listed.map((f) => [f.name, f]));
    const index = await loadLandingIndex(hdfs, root);
    for (const name of Object.keys(index.files)) if (!byName.has(name)) delete index.files[name];

    // 1. Index new files; spill their rows of closed days.
    const spilled = new Map<string, Set<string>>(); // day -> files whose rows of that day are spilled
    const quarantined: string[] = [];
    const fresh = listed.filter((f) => !index.files[f.name]);
    let done = 0;
    deps.progress?.phase('index new landing files', fresh.length, 'files');
    for (const file of fresh) {
      // A SQL engine reads the landing files itself: indexing then only counts rows by day.
      const ok = await spillFile(file, (day) => sqlEngine === undefined && closed(day));
      if (ok) index.files[file.name] = { path: file.path, rowsByDay: ok.rowsByDay, invalidByDay: ok.invalidByDay, modificationTime: file.modificationTime };
      if (++done % 20 === 0 || done === fresh.length) logger.info(`indexed ${done}/${fresh.length} new landing files`);
      deps.progress?.update(done);
    }
    await saveLandingIndex(hdfs, root, index);

    // 2. The days to compact.
    const manifests = new Map<string, DayManifest | undefined>();
    const targets: string[] = [];
    for (const day of options.date !== undefined ? [options.date] : daysOf(index).filter(closed)) {
      const manifest = await loadManifest(hdfs, root, day);
      manifests.set(day, manifest);
      const known = new Set(manifest?.files ?? []);
      if (options.date !== undefined || !manifest || filesOfDay(index, day).some((f) => !known.has(f))) targets.push(day);
    }
    logger.info(targets.length > 0 ? `days to compact: ${targets.join(', ')}` : 'no closed day has new landing files');

    // 3. Each day.
    const reference = await loadCurrentReference(hbase, ns);
    const reports: DayReport[] = [];
    for (const day of targets) {
      const manifest = manifests.get(day);
      const previousFiles = new Set(manifest?.files ?? []);
      let sql: SqlDayResult | undefined;
      if (sqlEngine) {
        const landingPaths = filesOfDay(index, day).filter((name) => !(manifest && previousFiles.has(name)) && byName.has(name)).map((name) => byName.get(name)!.path);
        sql = await runSqlDay({
          engine: sqlEngine, hdfs, namenodeRpc: config.hdfs.namenodeRpc, root, day, landingPaths, withPrevious: manifest !== undefined, referenceNames: reference.names,
          topX: config.batch.topX, localDir: path.join(config.batch.workDir, runId, `${day}-sql`), token: `${runId}-${day}`, log: logger.child(day),
        }, (rows) => rows.forEach((r) => spill.add(day, bucketOf(r.detectionOid, buckets), r)));
      }
      let warehouseRowsRead = 0;
      if (manifest && !sql) warehouseRowsRead = await readWarehouseDay(hdfs, root, day, (rows) => rows.forEach((r) => spill.add(day, bucketOf(r.detectionOid, buckets), r)));
      for (const name of sql ? [] : filesOfDay(index, day)) {
        if (previousFiles.has(name) && manifest) continue; // already in the warehouse rows
        if (spilled.get(day)?.has(name)) continue;
        const file = byName.get(name);
        if (file) await spillFile(file, (d) => d === day);
      }
      spill.flush();
      const sourceFiles = [...new Set([...previousFiles, ...filesOfDay(index, day)])].filter((f) => byName.has(f) || previousFiles.has(f)).sort();
      const report = await runDay(
        { hdfs, hbase, logger, ...(deps.progress ? { progress: deps.progress } : {}), root, namespace: ns, buckets, partRows: config.batch.partRows, topX: config.batch.topX, workDir: path.join(config.batch.workDir, runId), runId, reference, now },
        {
          day, spill, sourceFiles, invalidEvents: invalidOfDay(index, day), recompaction: manifest !== undefined, quarantinedFiles: quarantined, ...(sql ? { sql } : {}),
          ...(manifest ? { previous: { landedRows: manifest.landedRows, duplicates: manifest.duplicates ?? 0, warehouseRowsRead } } : {}),
        },
      );
      await saveDayReport(hdfs, root, report);
      await putMetaJson(hbase, ns, META_ROWS.reconciliationLast, META_QUALIFIERS.reconciliationReport, { day, runId, ...report.reconciliation });
      reports.push(report);
      logger.info(`${day}: ${report.totals.uniqueDetections} detections, ${report.totals.duplicatesDropped} duplicates dropped, ${report.totals.lateEvents} late, in ${report.durationMs} ms`);
    }

    // 4. Retention and watermark.
    const retentionDeleted = await applyRetention(hdfs, root, index, now - config.batch.landingRetentionDays * 86_400_000, closed, logger);
    await saveLandingIndex(hdfs, root, index);
    let watermark: string | undefined;
    const latest = reports.map((r) => r.day).sort().pop();
    if (latest !== undefined) watermark = await advanceWatermark(hbase, ns, latest);
    const exitCode = quarantined.length > 0 ? 1 : 0;
    await putMetaJson(hbase, ns, META_ROWS.batchLastRun, META_QUALIFIERS.batchRunReport, {
      runId, status: exitCode === 0 ? 'ok' : 'quarantined_files', finishedAt: new Date(clock.now()).toISOString(), durationMs: clock.now() - now,
      days: reports.map((r) => ({ day: r.day, durationMs: r.durationMs, phasesMs: r.phasesMs, totals: r.totals })), quarantined, watermark,
    });
    return { runId, days: reports, quarantined, watermark, retentionDeleted, exitCode };

    async function spillFile(file: ListedFile, wanted: (day: string) => boolean): Promise<{ rowsByDay: Record<string, number>; invalidByDay: Record<string, number> } | undefined> {
      try {
        return await readLandingFile(hdfs, file.path, (rows) => {
          for (const row of rows) {
            const day = eventDay(row.timestampDetected);
            if (!wanted(day)) continue;
            spill.add(day, bucketOf(row.detectionOid, buckets), row);
            let set = spilled.get(day);
            if (!set) spilled.set(day, (set = new Set()));
            set.add(file.name);
          }
        });
      } catch (error) {
        if (!(error instanceof ParquetError)) throw error;
        const target = await quarantineFile(hdfs, root, file.path, runId);
        quarantined.push(file.name);
        logger.error(`quarantined ${file.path} -> ${target}: ${errorMessage(error)}`);
        return undefined;
      }
    }
  } finally {
    spill.remove();
    fs.rmSync(path.join(config.batch.workDir, runId), { recursive: true, force: true });
    await lock.release().catch((error) => logger.warn(`could not release the batch lock: ${errorMessage(error)}`));
  }
}
