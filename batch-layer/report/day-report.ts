// The figures of one compacted day: what report.json holds (and report.csv and
// report.html render). int64 values are decimal strings so JSON keeps them exact.

import type { CountReconciliation } from '../reconcile/reconcile-counts';
import type { RowReconciliation } from '../reconcile/reconcile-rows';

export interface ReportTopItem {
  readonly geographical_location: string | null;
  readonly geographical_location_oid: string;
  readonly item_rank: number;
  readonly item_name: string;
  readonly item_count: number;
}

export interface DayReport {
  readonly day: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Engine of the compaction, top-X and totals (BATCH_ENGINE / --engine); absent in reports older than the engines. */
  readonly engine?: 'node' | 'duckdb' | 'spark';
  /** compaction includes a SQL engine's staging, job and read-back, detailed in `sql`. */
  readonly phasesMs: {
    readonly compaction: number;
    readonly views: number;
    readonly reconciliation: number;
    readonly sql?: { readonly staging: number; readonly engine: number; readonly read: number };
  };
  readonly referenceVersion: string;
  /** true when the day had been compacted before (late files arrived or a re-run). */
  readonly recompaction: boolean;
  readonly landingFiles: number;
  readonly totals: {
    readonly landedRows: number;
    readonly uniqueDetections: number;
    readonly duplicatesDropped: number;
    /** Distinct detections Kafka received after their event day had ended (UTC). */
    readonly lateEvents: number;
    /** Messages refused by validation, by the UTC day of their Kafka timestamp, counted by the landing writer. */
    readonly invalidEvents: number;
    readonly unknownLocationEvents: number;
    readonly locations: number;
    readonly items: number;
  };
  readonly warehouse: { readonly path: string; readonly parts: number; readonly rows: number };
  /** Distinct detections per UTC hour (24 values); absent in reports written before it existed. */
  readonly eventsPerHour?: readonly number[];
  readonly topX: number;
  readonly topItems: readonly ReportTopItem[];
  readonly reconciliation: {
    readonly detectionRows: (RowReconciliation & { readonly skipped?: undefined }) | { readonly skipped: string };
    readonly liveCounts: (CountReconciliation & { readonly skipped?: undefined }) | { readonly skipped: string };
  };
  readonly quarantinedFiles: readonly string[];
}
