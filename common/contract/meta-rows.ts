// Rows of the meta table (family m): the small shared state the layers hand
// each other. Values are UTF-8 text (JSON where structured).
//   row "batch/watermark"      qualifier "day"     last closed day (YYYY-MM-DD) served from the batch view
//   row "reference/current"    qualifier "version" current Dataset B version
//   row "reconciliation/last"  qualifier "report"  JSON of the last reconciliation figures
//   row "quality"              qualifiers "<counter>:p<partition>": 16-byte partition counts
//                              (partition-count.ts) of the speed layer's data-quality counters
//   row "speed/metrics"        qualifier <instance id>: JSON SpeedMetricsSnapshot, rewritten every few seconds
//   row "batch/last-run"       qualifier "report": JSON of the last nightly run (day, status, durations, figures)
//   row "quarantine/cells"     qualifier "<table>|<row hex>|<family>:<qualifier>@<timestamp>": JSON QuarantinedCell,
//                              a stored cell the speed layer could not decode, kept with its reason before it was removed
//   row "speed/count-horizon"  qualifiers "p<partition>" and "base": int64 epoch ms, no counter cell of that
//                              partition starts after it (count-horizon.ts; COUNT_HORIZON_ROW)

export const META_ROWS = {
  watermark: 'batch/watermark',
  referenceCurrent: 'reference/current',
  reconciliationLast: 'reconciliation/last',
  quality: 'quality',
  speedMetrics: 'speed/metrics',
  batchLastRun: 'batch/last-run',
  quarantinedCells: 'quarantine/cells',
} as const;

/** A corrupt cell moved aside by the speed layer (row "quarantine/cells"). */
export interface QuarantinedCell {
  readonly table: string;
  readonly rowHex: string;
  readonly family: string;
  readonly qualifier: string;
  readonly timestamp: number;
  readonly valueHex: string;
  readonly reason: string;
  /** Epoch ms. */
  readonly quarantinedAt: number;
}

export function quarantinedCellQualifier(cell: Pick<QuarantinedCell, 'table' | 'rowHex' | 'family' | 'qualifier' | 'timestamp'>): string {
  return `${cell.table}|${cell.rowHex}|${cell.family}:${cell.qualifier}@${cell.timestamp}`;
}

/** What each speed-layer instance publishes for the serving layer's /metrics and dashboard. */
export interface SpeedMetricsSnapshot {
  readonly instance: string;
  /** Epoch ms of this snapshot; a reader treats an instance silent for 30 s as gone. */
  readonly updatedAt: number;
  readonly eventsPerSecond: number;
  readonly batchLatencyMs: { readonly p50: number; readonly p99: number };
  /** Consumer lag (messages) of the partitions this instance owns. */
  readonly lagByPartition: Readonly<Record<string, number>>;
  readonly rssBytes: number;
  /** Since this instance started: events dead-lettered as processing_failed (poison). */
  readonly poisonEvents?: number;
  /** Since this instance started: corrupt counter cells quarantined. */
  readonly quarantinedCells?: number;
  /** Since this instance started: dead letters sent shrunk (the topic refused them as too large). */
  readonly shrunkDeadLetters?: number;
}

export const META_QUALIFIERS = {
  watermarkDay: 'day',
  referenceVersion: 'version',
  reconciliationReport: 'report',
  batchRunReport: 'report',
} as const;

/** The speed layer's data-quality counters, one per-partition cell each in row "quality". */
export const QUALITY_COUNTERS = ['accepted', 'duplicates', 'dead_letters', 'late', 'unknown_location'] as const;
export type QualityCounter = (typeof QUALITY_COUNTERS)[number];

export function qualityQualifier(counter: QualityCounter, partition: number): string {
  return `${counter}:p${partition}`;
}

export function parseQualityQualifier(qualifier: string): { counter: QualityCounter; partition: number } | undefined {
  const match = /^([a-z_]+):p(\d+)$/.exec(qualifier);
  const counter = match?.[1] as QualityCounter | undefined;
  return counter && QUALITY_COUNTERS.includes(counter) ? { counter, partition: Number(match?.[2]) } : undefined;
}
