// The data contract shared by every layer: types, codecs, validators, names
// and paths. Pure: no I/O, no clock except where passed in, no environment.

export { INT64_MIN, INT64_MAX, tryParseInt64, parseInt64, formatInt64, isInt64, int64ToBytes, int64FromBytes, writeInt64 } from './int64';
export type { Int64Input, Int64Parse } from './int64';
export { parseLosslessJson } from './lossless-json';
export { codePointLength, checkText } from './text-length';
export type { TextCheck } from './text-length';

export { DETECTION_EVENT_FIELDS, ITEM_NAME_MAX_CODE_POINTS, toWire, encodeDetectionEvent, detectionEventKey } from './detection-event';
export type { DetectionEvent, DetectionEventWire, DetectionEventInput, DetectionEventField } from './detection-event';
export { REJECT_REASONS } from './reject-reason';
export type { RejectReason } from './reject-reason';
export {
  validateDetectionEvent,
  assertDetectionEvent,
  checkEventKey,
  DEFAULT_MIN_TIMESTAMP_MS,
  DEFAULT_MAX_FUTURE_MS,
  MAX_TIMESTAMP_MS,
} from './validate-event';
export { judgeRecord, judgementTime, type RecordToJudge } from './judge-record';
export type { Rejection, EventValidation, ValidateOptions } from './validate-event';
export {
  DEAD_LETTER_HEADERS,
  DEAD_LETTER_FORMS,
  deadLetterHeaders,
  deadLetterRecord,
  detectionOidOf,
  parseDeadLetterHeaders,
  isRejectReason,
} from './dead-letter';
export type { DeadLetterInfo, DeadLetterForm, DeadLetterRecord } from './dead-letter';
export { SECONDS_BELOW, detectTimestampUnit, toEpochMillis, detectColumnUnit } from './timestamp-unit';
export type { TimestampUnit, TimestampUnitOption } from './timestamp-unit';
export { eventDay, dayRange, isEventDay } from './event-day';

export { LOCATION_NAME_MAX_CODE_POINTS, REFERENCE_PROBLEM_REASONS, validateReferenceTable, referenceMap } from './reference-location';
export type {
  ReferenceLocation,
  ReferenceLocationWire,
  ReferenceField,
  ReferenceProblem,
  ReferenceProblemReason,
  ReferenceValidation,
  ReferenceValidateOptions,
} from './reference-location';
export { enrichDetection, sameLineage } from './enriched-detection';
export type { EnrichedDetection, Lineage } from './enriched-detection';

export { ROW_KEY_LENGTH, saltOf, detectionRowKey, decodeDetectionRowKey, regionSplitPoints } from './row-key';
export { bucketOf } from './hash-partition';
export { fnv1aInt64, FNV1A_OFFSET_BASIS } from './fnv1a';
export {
  DETECTIONS_TTL_SECONDS,
  LIVE_COUNTS_TTL_SECONDS,
  RECENT_TTL_SECONDS,
  FAMILIES,
  hbaseTables,
  detectionTableName,
  liveCountsTableName,
  liveRollupsTableName,
  recentTableName,
  referenceTableName,
  batchViewsTableName,
  metaTableName,
} from './tables';
export type { TableSpec, ColumnFamilySpec } from './tables';
export { DETECTIONS_RETENTION_MS, DEAD_LETTER_RETENTION_MS, DEAD_LETTER_PARTITIONS, kafkaTopics } from './topics';
export type { TopicSpec } from './topics';
export {
  OFFSET_DIGITS,
  SUCCESS_MARKER,
  landingDir,
  reportsDir,
  landingPartitionDir,
  landingFileName,
  landingFilePath,
  parseLandingFileName,
  lastLandedOffsets,
  tempPath,
  tmpDir,
  warehouseDir,
  warehouseDayDir,
  warehousePartPath,
  warehouseSuccessPath,
  viewsDir,
  viewDayDir,
  reportsDayDir,
  referenceDir,
  referenceVersionDir,
  quarantineDir,
  locksDir,
  lockPath,
  batchStateDir,
  landingIndexPath,
  warehouseManifestPath,
  REPORT_FILES,
} from './hdfs-paths';
export type { LandingFile, ReportFile, ReportFormat } from './hdfs-paths';
export {
  ALL_LOCATIONS,
  BUCKET_MS,
  bucketStart,
  countRowKey,
  decodeCountRowKey,
  countScanRange,
  type CountGranularity,
  type CountScope,
  type CountKey,
} from './count-key';
export {
  NO_OFFSET,
  PARTITION_COUNT_BYTES,
  partitionQualifier,
  parsePartitionQualifier,
  encodePartitionCount,
  decodePartitionCount,
  partitionCountTimestamp,
  sumPartitionCounts,
  type PartitionCount,
} from './partition-count';
export { RECENT_KEY_LENGTH, recentRowKey, decodeRecentRowKey, recentLocationPrefix } from './recent-key';
export {
  DETECTION_QUALIFIERS,
  DETECTION_RECORD_QUALIFIER,
  encodeDetectionCells,
  decodeDetectionCells,
  detectionLineage,
  type TextCell,
} from './detection-cells';
export {
  META_ROWS,
  META_QUALIFIERS,
  QUALITY_COUNTERS,
  qualityQualifier,
  parseQualityQualifier,
  quarantinedCellQualifier,
  type QualityCounter,
  type SpeedMetricsSnapshot,
  type QuarantinedCell,
} from './meta-rows';
export {
  COUNT_HORIZON_ROW,
  COUNT_HORIZON_BASE_QUALIFIER,
  EMPTY_TABLES_HORIZON_MS,
  countHorizonPut,
  decodeCountHorizon,
} from './count-horizon';
export { topItemsRowKey, decodeTopItemsRowKey, topItemsPrefix } from './top-items-key';
export {
  REFERENCE_NAME_QUALIFIER,
  checkReferenceVersion,
  referenceVersionPrefix,
  referenceRowKey,
  decodeReferenceRowKey,
  referenceVersionAt,
} from './reference-rows';
export { BATCH_COUNT_QUALIFIER, encodeBatchCount, decodeBatchCount } from './batch-count-cell';
