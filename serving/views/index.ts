export { HBaseCountViews, type CountViews, type CountRow } from './count-views';
export { CachedBatchViews } from './cached-batch-views';
export { CachedSpeedViews, chunksOf, SETTLE_MS, type SpeedCacheOptions } from './cached-speed-views';
export { HBaseMetaReader, SPEED_INSTANCE_STALE_MS, type MetaReader, type BatchState, type QualityCounts } from './meta-reader';
export { ReferenceCache, type Location, type LocationPage } from './reference-cache';
export { DetectionReader, type FeedPage } from './detection-reader';
export { ReportReader, REPORT_FILES, type ReportFile, type ReportListing } from './report-reader';
export { KafkaAdminFigures, type KafkaFigures, type TopicFigures, type GroupLag } from './consumer-lag';
export { checkHealth, type HealthProbes, type StoreHealth } from './health';
