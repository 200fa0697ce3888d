// Public surface of the batch layer.

export { LandingWriter, type LandingWriterDeps } from './landing/landing-writer';
export { runBatch, type BatchRunDeps, type BatchRunOptions, type BatchRunResult } from './run/batch-run';
export { scheduleBatch, type BatchSchedule } from './run/scheduler';
export { BatchMetrics, BATCH_PHASES, BATCH_RUN_STATUSES } from './run/batch-metrics';
export { LandingMetrics } from './landing/landing-metrics';
export { LockHeldError } from './run/batch-lock';
export { loadDayReport, saveDayReport } from './report/report-store';
export type { DayReport, ReportTopItem } from './report/day-report';
export { LANDING_SCHEMA } from './schema/landing-schema';
export { WAREHOUSE_SCHEMA } from './schema/warehouse-schema';
export { HOURLY_VIEW, TOP_ITEMS_VIEW } from './schema/view-schemas';
export { runTopItems, type TopItemsOptions, type TopItemsResult } from './top-items/top-items-job';
export { createSqlEngine } from './sql/create-sql-engine';
export { duckdbEngine } from './sql/duckdb-engine';
export { sparkEngine, SPARK_DEFAULT_CONF } from './sql/spark-engine';
export { ensureSpark, checkJava, installedSpark, sparkVenvDir, type SparkInstall } from './sql/spark-install';
export type { SqlEngine } from './sql/sql-engine';
export { SqlEngineError } from './sql/sql-errors';
