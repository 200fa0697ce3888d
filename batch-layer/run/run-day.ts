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
import type { WarehouseRow } from '../schema/warehouse-schema';
import { buildViews } from '../views/build-views';
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
  const { day } = input;
  const { endMs } = dayRange(day);
  const started = input.sql?.startedAt ?? Date.now();
  const token = `${ctx.runId}-${day}`;
  const log = ctx.logger.child(day);
  const enrich = (row: LandingRow): WarehouseRow => ({ ...row, geographicalLocation: ctx.reference.names.get(row.geographicalLocationOid) ?? null });

  const reconcileRows = ctx.now - endMs < DETECTIONS_TTL_SECONDS * 1000;
  const reconcileCounts = ctx.now - endMs < LIVE_COUNTS_TTL_SECONDS * 1000;
  const rowFigures: RowReconciliation = { hbaseRows: 0, repaired: 0, repairedOids: [], hbaseOnly: 0, hbaseOnlyOids: [], masked: 0, maskedOids: [] };
  const countFigures: CountReconciliation = { cellsChecked: 0, cellsCorrected: 0, corrections: [], rollups: { cellsChecked: 0, cellsCorrected: 0, corrections: [] } };
  let reconcileMs = 0;
  const hbaseSpill = new HBaseDaySpill(path.join(ctx.workDir, `${day}-hbase`));
  if (reconcileRows) {
    const t = Date.now();
    const scanned = await hbaseSpill.fill(ctx.hbase, ctx.namespace, day, ctx.buckets, (n) => log.info(`HBase detection rows scanned: ${n}`));
    reconcileMs += Date.now() - t;
    log.info(`HBase holds ${scanned} detection rows for ${day}`);
  }

  const warehouse = new WarehouseDayWriter(ctx.hdfs, ctx.root, day, token, ctx.partRows, ctx.reference.version);
  const byLocation = new SpillWriter(path.join(ctx.workDir, `${day}-by-location`));
  let landed = 0;
  let duplicates = 0;
  let late = 0;
  let unknown = 0;
  try {
    ctx.progress?.phase(`${day} compaction`, input.spill.rowsByDay.get(day) ?? 0, 'rows');
    for (let b = 0; b < ctx.buckets; b++) {
      const { rows, messages, duplicates: dropped } = dedupFirstOccurrence(input.spill.read(day, b));
      landed += messages;
      duplicates += dropped;
      const enriched = rows.map(enrich);
      for (const row of enriched) {
        if (row.kafkaTimestamp >= endMs) late++;
        if (row.geographicalLocation === null) unknown++;
        byLocation.add(day, bucketOf(row.geographicalLocationOid, ctx.buckets), row);
      }
      await warehouse.add(enriched);
      if (reconcileRows) {
        const t = Date.now();
        await reconcileBucketRows(ctx.hbase, ctx.namespace, enriched, hbaseSpill.read(b), rowFigures);
        reconcileMs += Date.now() - t;
      }
      if ((b + 1) % Math.max(1, Math.floor(ctx.buckets / 8)) === 0) log.info(`compaction: bucket ${b + 1}/${ctx.buckets}, ${landed} rows read, ${duplicates} duplicates`);
      ctx.progress?.update(landed);
    }
    byLocation.flush();
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
    const manifest = { day, runId: ctx.runId, files: input.sourceFiles, landedRows: landed, duplicates, rows: unique, referenceVersion: ctx.reference.version, writtenAt: new Date().toISOString() };
    const parts = await warehouse.commit(manifest);
    const compactionDone = Date.now();
    log.info(`warehouse ${warehouseDayDir(ctx.root, day)}: ${unique} rows in ${parts} part(s)`);

    const countsStart = Date.now();
    ctx.progress?.phase(`${day} views`, unique, 'rows');
    const views = await buildViews({
      hdfs: ctx.hdfs, hbase: ctx.hbase, root: ctx.root, namespace: ctx.namespace, day, token, buckets: ctx.buckets, x: ctx.topX, spill: byLocation,
      // The spill keeps landing columns only: the name is looked up again (it was null in the views before).
      enrich, recompaction: input.recompaction,
      ...(reconcileCounts ? { onCounts: (locations, truth) => reconcileLiveCounts(ctx.hbase, ctx.namespace, day, locations, truth, countFigures) } : {}),
      ...(input.sql ? { topItems: input.sql.topItems } : {}),
      onProgress: (b) => {
        if ((b + 1) % Math.max(1, Math.floor(ctx.buckets / 4)) === 0) log.info(`views: location bucket ${b + 1}/${ctx.buckets}`);
        ctx.progress?.update(Math.round(((b + 1) * unique) / ctx.buckets));
      },
    });
    const viewsMs = Date.now() - countsStart;
    const finished = Date.now();
    return {
      day, runId: ctx.runId, startedAt: new Date(started).toISOString(), finishedAt: new Date(finished).toISOString(), durationMs: finished - started,
      engine: input.sql?.engine ?? 'node',
      phasesMs: { compaction: compactionDone - started - reconcileMs, views: viewsMs, reconciliation: reconcileMs, ...(input.sql ? { sql: input.sql.phasesMs } : {}) },
      referenceVersion: ctx.reference.version, recompaction: input.recompaction, landingFiles: input.sourceFiles.length,
      totals: {
        landedRows: landed, uniqueDetections: unique, duplicatesDropped: duplicates, lateEvents: late, invalidEvents: input.invalidEvents, unknownLocationEvents: unknown,
        locations: input.sql ? input.sql.totals.locations : views.locations, items: input.sql ? input.sql.totals.items : views.items,
      },
      warehouse: { path: warehouseDayDir(ctx.root, day), parts, rows: unique },
      topX: ctx.topX,
      eventsPerHour: views.eventsPerHour,
      topItems: views.topItems.map((t) => ({ geographical_location: t.locationName, geographical_location_oid: t.locationOid.toString(), item_rank: t.rank, item_name: t.itemName, item_count: t.count })),
      reconciliation: {
        detectionRows: reconcileRows ? rowFigures : { skipped: `day ended over ${DETECTIONS_TTL_SECONDS / 86400} days ago: beyond the detections TTL` },
        liveCounts: reconcileCounts ? countFigures : { skipped: `day ended over ${LIVE_COUNTS_TTL_SECONDS / 86400} days ago: beyond the live-counts TTL` },
      },
      quarantinedFiles: input.quarantinedFiles,
    };
  } catch (error) {
    await warehouse.abort();
    throw error;
  } finally {
    byLocation.remove();
    hbaseSpill.remove();
  }
}
