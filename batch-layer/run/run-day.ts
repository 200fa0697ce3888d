// One closed event day, from its spilled landing rows to warehouse, views and
// reconciliation. Pass 1 goes bucket by bucket of detection_oid (dedup,
// enrich, warehouse parts, detection-row reconciliation, re-spill by
// location); pass 2 (build-views.ts) goes bucket by bucket of location.

import path from 'node:path';
import { bucketOf, dayRange, DETECTIONS_TTL_SECONDS, LIVE_COUNTS_TTL_SECONDS, warehouseDayDir } from '../../common/contract';
import type { HBaseTables } from '../../common/hbase';
import type { HdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import type { Progress } from '../../common/progress';
import { HBaseDaySpill } from '../reconcile/hbase-day-scan';
import { dedupFirstOccurrence } from '../compact/dedup';
import { SpillWriter } from '../spill/spill';
import { WarehouseDayWriter } from '../compact/warehouse-writer';
import { reconcileBucketRows, type RowReconciliation } from '../reconcile/reconcile-rows';
import { reconcileLiveCounts, type CountReconciliation } from '../reconcile/reconcile-counts';
import type { DayReport } from '../report/day-report';
import type { LandingRow } from '../schema/landing-row';
import { warehouseRow, type WarehouseRow } from '../schema/warehouse-schema';
import { buildViews, type ViewOutputs } from '../views/build-views';
import type { SqlDayResult } from '../sql/sql-day';

/** Dataset B as the day is enriched with: its version ('none' while no version is current) and names. */
export interface DayReference {
  readonly version: string;
  readonly names: ReadonlyMap<bigint, string>;
}

export interface DayContext {
  readonly hdfs: HdfsStore;
  readonly hbase: HBaseTables;
  readonly logger: Logger;
  readonly progress?: Progress;
  readonly root: string;
  readonly namespace: string;
  readonly buckets: number;
  readonly partRows: number;
  readonly topX: number;
  /** Local folder of the run (spill files, SQL staging), removed at its end. */
  readonly workDir: string;
  readonly runId: string;
  readonly reference: DayReference;
  /** The run's start on its clock: which TTLs the day is still within. */
  readonly now: number;
}

export interface DayInput {
  readonly day: string;
  readonly spill: SpillWriter;
  readonly sourceFiles: readonly string[];
  readonly invalidEvents: number;
  readonly recompaction: boolean;
  readonly quarantinedFiles: readonly string[];
  /**
   * The day compacted by a SQL engine (sql-day.ts): the spill then holds its
   * unique, enriched rows, and its totals and top-X are the day's.
   */
  readonly sql?: SqlDayResult;
  /** Figures of the earlier compaction whose warehouse rows were merged back in (recompaction). */
  readonly previous?: { readonly landedRows: number; readonly duplicates: number; readonly warehouseRowsRead: number };
}

export async function runDay(ctx: DayContext, input: DayInput): Promise<DayReport> {
  const started = input.sql?.startedAt ?? Date.now();
  const run = startDayRun(ctx, input);
  const { day } = input;
  const hbaseSpill = new HBaseDaySpill(path.join(ctx.workDir, `${day}-hbase`));
  if (run.reconcileRows) await scanHBaseDay(run, hbaseSpill);

  const warehouse = new WarehouseDayWriter(ctx.hdfs, ctx.root, day, run.token, ctx.partRows, ctx.reference.version);
  const byLocation = new SpillWriter(path.join(ctx.workDir, `${day}-by-location`));
  try {
    const pass1 = await compactBuckets(run, warehouse, byLocation, hbaseSpill);
    byLocation.flush();
    const totals = dayTotals(input, pass1);
    const parts = await commitWarehouse(run, warehouse, totals);
    const compactionDone = Date.now();
    run.log.info(`warehouse ${warehouseDayDir(ctx.root, day)}: ${totals.unique} rows in ${parts} part(s)`);

    const countsStart = Date.now();
    const views = await buildDayViews(run, byLocation, totals.unique);
    const viewsMs = Date.now() - countsStart;
    return dayReport(run, { started, compactionDone, viewsMs, totals, parts, views });
  } catch (error) {
    await warehouse.abort();
    throw error;
  } finally {
    byLocation.remove();
    hbaseSpill.remove();
  }
}

/** What the parts of one day's run share. */
interface DayRun {
  readonly ctx: DayContext;
  readonly input: DayInput;
  readonly endMs: number;
  /** Names this run's files (warehouse parts, views), so a rerun never collides with them. */
  readonly token: string;
  readonly log: Logger;
  readonly enrich: (row: LandingRow) => WarehouseRow;
  /** The day is still within the detections TTL: HBase's detection rows are reconciled. */
  readonly reconcileRows: boolean;
  /** The day is still within the live-counts TTL: HBase's live counts are reconciled. */
  readonly reconcileCounts: boolean;
  readonly rowFigures: RowReconciliation;
  readonly countFigures: CountReconciliation;
  /** Time spent reconciling detection rows, reported apart from the compaction's. */
  reconcileMs: number;
}

function startDayRun(ctx: DayContext, input: DayInput): DayRun {
  const { endMs } = dayRange(input.day);
  return {
    ctx,
    input,
    endMs,
    token: `${ctx.runId}-${input.day}`,
    log: ctx.logger.child(input.day),
    enrich: (row) => warehouseRow(row, ctx.reference.names.get(row.geographicalLocationOid) ?? null),
    reconcileRows: ctx.now - endMs < DETECTIONS_TTL_SECONDS * 1000,
    reconcileCounts: ctx.now - endMs < LIVE_COUNTS_TTL_SECONDS * 1000,
    rowFigures: { hbaseRows: 0, repaired: 0, repairedOids: [], hbaseOnly: 0, hbaseOnlyOids: [], masked: 0, maskedOids: [] },
    countFigures: { cellsChecked: 0, cellsCorrected: 0, corrections: [], rollups: { cellsChecked: 0, cellsCorrected: 0, corrections: [] } },
    reconcileMs: 0,
  };
}

/** HBase's detection rows of the day, spilled by bucket so pass 1 can compare them bucket by bucket. */
async function scanHBaseDay(run: DayRun, hbaseSpill: HBaseDaySpill): Promise<void> {
  const { ctx, input, log } = run;
  const t = Date.now();
  const scanned = await hbaseSpill.fill(ctx.hbase, ctx.namespace, input.day, ctx.buckets, (n) =>
    log.info(`HBase detection rows scanned: ${n}`),
  );
  run.reconcileMs += Date.now() - t;
  log.info(`HBase holds ${scanned} detection rows for ${input.day}`);
}

/** Pass 1's counts of the landing rows. */
interface CompactionFigures {
  readonly landed: number;
  readonly duplicates: number;
  readonly late: number;
  readonly unknown: number;
}

/** Pass 1, bucket by bucket of detection_oid: dedup, enrich, warehouse parts, detection-row reconciliation, re-spill by location. */
async function compactBuckets(
  run: DayRun,
  warehouse: WarehouseDayWriter,
  byLocation: SpillWriter,
  hbaseSpill: HBaseDaySpill,
): Promise<CompactionFigures> {
  const { ctx, input, log, endMs } = run;
  const { day } = input;
  let landed = 0;
  let duplicates = 0;
  let late = 0;
  let unknown = 0;
  ctx.progress?.phase(`${day} compaction`, input.spill.rowsOf(day), 'rows');
  for (let b = 0; b < ctx.buckets; b++) {
    const { rows, messages, duplicates: dropped } = dedupFirstOccurrence(input.spill.read(day, b));
    landed += messages;
    duplicates += dropped;
    const enriched = rows.map(run.enrich);
    for (const row of enriched) {
      if (row.kafkaTimestamp >= endMs) late++;
      if (row.geographicalLocation === null) unknown++;
      byLocation.add(day, bucketOf(row.geographicalLocationOid, ctx.buckets), row);
    }
    await warehouse.add(enriched);
    if (run.reconcileRows) {
      const t = Date.now();
      await reconcileBucketRows(ctx.hbase, ctx.namespace, enriched, hbaseSpill.read(b), run.rowFigures);
      run.reconcileMs += Date.now() - t;
    }
    if ((b + 1) % Math.max(1, Math.floor(ctx.buckets / 8)) === 0)
      log.info(`compaction: bucket ${b + 1}/${ctx.buckets}, ${landed} rows read, ${duplicates} duplicates`);
    ctx.progress?.update(landed);
  }
  return { landed, duplicates, late, unknown };
}

/** The day's totals: pass 1's, or the SQL engine's when it compacted the day, plus the merged-back earlier compaction's. */
interface DayTotals extends CompactionFigures {
  readonly unique: number;
}

function dayTotals(input: DayInput, pass1: CompactionFigures): DayTotals {
  let { landed, duplicates, late, unknown } = pass1;
  if (input.sql) {
    landed = input.sql.totals.messages;
    duplicates = input.sql.totals.messages - input.sql.totals.detections;
    late = input.sql.totals.lateEvents;
    unknown = input.sql.totals.unknownLocationEvents;
  }
  const unique = landed - duplicates;
  if (input.previous) {
    landed += input.previous.landedRows - (input.sql ? input.sql.totals.warehouseRowsRead : input.previous.warehouseRowsRead);
    duplicates += input.previous.duplicates;
  }
  return { landed, duplicates, late, unknown, unique };
}

/** Publishes the day's warehouse parts with their manifest; returns the number of parts. */
async function commitWarehouse(run: DayRun, warehouse: WarehouseDayWriter, totals: DayTotals): Promise<number> {
  const { ctx, input } = run;
  const manifest = {
    day: input.day,
    runId: ctx.runId,
    files: input.sourceFiles,
    landedRows: totals.landed,
    duplicates: totals.duplicates,
    rows: totals.unique,
    referenceVersion: ctx.reference.version,
    writtenAt: new Date().toISOString(),
  };
  return warehouse.commit(manifest);
}

/** Pass 2 (build-views.ts) on the by-location spill, reconciling the live counts on the way when within their TTL. */
async function buildDayViews(run: DayRun, byLocation: SpillWriter, unique: number): Promise<ViewOutputs> {
  const { ctx, input, log } = run;
  const { day } = input;
  ctx.progress?.phase(`${day} views`, unique, 'rows');
  return buildViews({
    hdfs: ctx.hdfs,
    hbase: ctx.hbase,
    root: ctx.root,
    namespace: ctx.namespace,
    day,
    token: run.token,
    buckets: ctx.buckets,
    x: ctx.topX,
    spill: byLocation,
    // The spill keeps landing columns only: the name is looked up again (it was null in the views before).
    enrich: run.enrich,
    recompaction: input.recompaction,
    ...(run.reconcileCounts
      ? { onCounts: (locations, truth) => reconcileLiveCounts(ctx.hbase, ctx.namespace, day, locations, truth, run.countFigures) }
      : {}),
    ...(input.sql ? { topItems: input.sql.topItems } : {}),
    onProgress: (b) => {
      if ((b + 1) % Math.max(1, Math.floor(ctx.buckets / 4)) === 0) log.info(`views: location bucket ${b + 1}/${ctx.buckets}`);
      ctx.progress?.update(Math.round(((b + 1) * unique) / ctx.buckets));
    },
  });
}

interface DayOutcome {
  readonly started: number;
  readonly compactionDone: number;
  readonly viewsMs: number;
  readonly totals: DayTotals;
  readonly parts: number;
  readonly views: ViewOutputs;
}

function dayReport(run: DayRun, outcome: DayOutcome): DayReport {
  const { ctx, input } = run;
  const { day } = input;
  const { started, compactionDone, viewsMs, totals, parts, views } = outcome;
  const finished = Date.now();
  return {
    day,
    runId: ctx.runId,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    engine: input.sql?.engine ?? 'node',
    phasesMs: {
      compaction: compactionDone - started - run.reconcileMs,
      views: viewsMs,
      reconciliation: run.reconcileMs,
      ...(input.sql ? { sql: input.sql.phasesMs } : {}),
    },
    referenceVersion: ctx.reference.version,
    recompaction: input.recompaction,
    landingFiles: input.sourceFiles.length,
    totals: {
      landedRows: totals.landed,
      uniqueDetections: totals.unique,
      duplicatesDropped: totals.duplicates,
      lateEvents: totals.late,
      invalidEvents: input.invalidEvents,
      unknownLocationEvents: totals.unknown,
      locations: input.sql ? input.sql.totals.locations : views.locations,
      items: input.sql ? input.sql.totals.items : views.items,
    },
    warehouse: { path: warehouseDayDir(ctx.root, day), parts, rows: totals.unique },
    topX: ctx.topX,
    eventsPerHour: views.eventsPerHour,
    topItems: views.topItems.map((t) => ({
      geographical_location: t.locationName,
      geographical_location_oid: t.locationOid.toString(),
      item_rank: t.rank,
      item_name: t.itemName,
      item_count: t.count,
    })),
    reconciliation: {
      detectionRows: run.reconcileRows
        ? run.rowFigures
        : { skipped: `day ended over ${DETECTIONS_TTL_SECONDS / 86400} days ago: beyond the detections TTL` },
      liveCounts: run.reconcileCounts
        ? run.countFigures
        : { skipped: `day ended over ${LIVE_COUNTS_TTL_SECONDS / 86400} days ago: beyond the live-counts TTL` },
    },
    quarantinedFiles: input.quarantinedFiles,
  };
}
