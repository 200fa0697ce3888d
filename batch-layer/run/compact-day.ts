// Step 3 of a night, for one target day: gather its rows into the spill (the
// SQL engine's unique rows, or the earlier warehouse rows plus the landing
// files not spilled yet), run the day through every stage (run-day.ts), save
// its report and publish its reconciliation figures.

import path from 'node:path';
import { bucketOf, META_QUALIFIERS, META_ROWS } from '../../common/contract';
import { filesOfDay, invalidOfDay } from '../compact/landing-index';
import type { DayManifest } from '../compact/manifest';
import { readWarehouseDay } from '../compact/warehouse-reader';
import type { DayReport } from '../report/day-report';
import { saveDayReport } from '../report/report-store';
import { runSqlDay, type SqlDayResult } from '../sql/sql-day';
import { putMetaJson } from './batch-meta';
import type { IndexedLanding } from './index-landing';
import { spillLandingFile, type Night } from './night';
import { runDay, type DayReference } from './run-day';

export async function compactDay(
  night: Night,
  landing: IndexedLanding,
  day: string,
  manifest: DayManifest | undefined,
  reference: DayReference,
): Promise<DayReport> {
  const { config, hdfs, hbase, logger, root, runId, spill, buckets } = night;
  const { index, byName } = landing;
  const previousFiles = new Set(manifest?.files ?? []);
  let sql: SqlDayResult | undefined;
  if (night.sqlEngine) {
    const landingPaths = filesOfDay(index, day)
      .filter((name) => !(manifest && previousFiles.has(name)) && byName.has(name))
      .map((name) => byName.get(name)!.path);
    sql = await runSqlDay(
      {
        engine: night.sqlEngine,
        hdfs,
        namenodeRpc: config.hdfs.namenodeRpc,
        root,
        day,
        landingPaths,
        withPrevious: manifest !== undefined,
        referenceNames: reference.names,
        topX: config.batch.topX,
        localDir: path.join(night.workDir, `${day}-sql`),
        token: `${runId}-${day}`,
        log: logger.child(day),
      },
      (rows) => rows.forEach((r) => spill.add(day, bucketOf(r.detectionOid, buckets), r)),
    );
  }
  let warehouseRowsRead = 0;
  if (manifest && !sql)
    warehouseRowsRead = await readWarehouseDay(hdfs, root, day, (rows) =>
      rows.forEach((r) => spill.add(day, bucketOf(r.detectionOid, buckets), r)),
    );
  for (const name of sql ? [] : filesOfDay(index, day)) {
    if (previousFiles.has(name) && manifest) continue; // already in the warehouse rows
    if (night.spilled.get(day)?.has(name)) continue;
    const file = byName.get(name);
    if (file) await spillLandingFile(night, file, (d) => d === day);
  }
  spill.flush();
  const sourceFiles = [...new Set([...previousFiles, ...filesOfDay(index, day)])]
    .filter((f) => byName.has(f) || previousFiles.has(f))
    .sort();
  const report = await runDay(
    { ...night, partRows: config.batch.partRows, topX: config.batch.topX, reference },
    {
      day,
      spill,
      sourceFiles,
      invalidEvents: invalidOfDay(index, day),
      recompaction: manifest !== undefined,
      quarantinedFiles: night.quarantined,
      ...(sql ? { sql } : {}),
      ...(manifest ? { previous: { landedRows: manifest.landedRows, duplicates: manifest.duplicates ?? 0, warehouseRowsRead } } : {}),
    },
  );
  await saveDayReport(hdfs, root, report);
  await putMetaJson(hbase, night.namespace, META_ROWS.reconciliationLast, META_QUALIFIERS.reconciliationReport, {
    day,
    runId,
    ...report.reconciliation,
  });
  logger.info(
    `${day}: ${report.totals.uniqueDetections} detections, ${report.totals.duplicatesDropped} duplicates dropped, ${report.totals.lateEvents} late, in ${report.durationMs} ms`,
  );
  return report;
}
