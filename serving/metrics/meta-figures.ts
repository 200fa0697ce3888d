// The figures /metrics takes from the JSON documents other layers leave in
// meta (batch/last-run, reconciliation/last), read field by field with their
// meaning. Pure. Counts and durations only: the oid lists these documents
// hold (repairedOids, hbaseOnlyOids, ...) are never turned into numbers.

export interface BatchRunFigures {
  /** Epoch seconds the run finished. */
  readonly finishedS: number | undefined;
  readonly ok: boolean;
  readonly durationS: number | undefined;
  readonly days: number;
  readonly quarantinedFiles: number;
  /** Per phase, summed over the run's days, in seconds. */
  readonly phaseS: Readonly<Record<'compaction' | 'views' | 'reconciliation', number>>;
}

export type ReconcileKind = 'missing_rows' | 'hbase_only_rows' | 'drifted_counts';
export const RECONCILE_KINDS: readonly ReconcileKind[] = ['missing_rows', 'hbase_only_rows', 'drifted_counts'];

export interface ReconcileFigures {
  /** Epoch seconds of the start of the reconciled day. */
  readonly dayS: number | undefined;
  /** Differences found, by kind; a kind whose check was skipped (beyond the TTL) is absent. */
  readonly found: Partial<Record<ReconcileKind, number>>;
  readonly repaired: Partial<Record<ReconcileKind, number>>;
}

export function batchRunFigures(run: unknown): BatchRunFigures | undefined {
  if (!isObject(run)) return undefined;
  const days = Array.isArray(run.days) ? run.days.filter(isObject) : [];
  const phase = (name: string): number =>
    days.reduce((sum, d) => sum + (count(isObject(d.phasesMs) ? d.phasesMs[name] : undefined) ?? 0), 0) / 1000;
  const finished = typeof run.finishedAt === 'string' ? Date.parse(run.finishedAt) : NaN;
  const durationMs = count(run.durationMs);
  return {
    finishedS: Number.isFinite(finished) ? finished / 1000 : undefined,
    ok: run.status === 'ok',
    durationS: durationMs === undefined ? undefined : durationMs / 1000,
    days: days.length,
    quarantinedFiles: Array.isArray(run.quarantined) ? run.quarantined.length : 0,
    phaseS: { compaction: phase('compaction'), views: phase('views'), reconciliation: phase('reconciliation') },
  };
}

export function reconcileFigures(report: unknown): ReconcileFigures | undefined {
  if (!isObject(report)) return undefined;
  const found: Partial<Record<ReconcileKind, number>> = {};
  const repaired: Partial<Record<ReconcileKind, number>> = {};
  const rows = isObject(report.detectionRows) ? report.detectionRows : undefined;
  const written = count(rows?.repaired);
  if (rows && written !== undefined) {
    // A repaired row a read-back cannot see yet (masked by a delete marker) is not repaired.
    found.missing_rows = written;
    repaired.missing_rows = Math.max(0, written - (count(rows.masked) ?? 0));
    found.hbase_only_rows = count(rows.hbaseOnly) ?? 0;
    repaired.hbase_only_rows = 0; // reported, never deleted: a person decides
  }
  const cells = isObject(report.liveCounts) ? report.liveCounts : undefined;
  const corrected = count(cells?.cellsCorrected);
  if (corrected !== undefined) {
    found.drifted_counts = corrected;
    repaired.drifted_counts = corrected;
  }
  const day =
    typeof report.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(report.day) ? Date.parse(`${report.day}T00:00:00Z`) / 1000 : undefined;
  return { dayS: day, found, repaired };
}

/** A count or duration: a finite number >= 0, or a decimal string of one (lossless JSON). */
function count(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value === 'bigint') return value >= 0n ? Number(value) : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
