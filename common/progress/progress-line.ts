// The words of a progress report, pure: phase, done (of total), rate and time
// left, from what was done since the phase started.

export interface ProgressState {
  readonly phase: string;
  readonly unit: string;
  readonly done: number;
  readonly total?: number;
  readonly startedAt: number;
}

export interface ProgressFigures {
  /** Per second since the phase started; 0 before the first second. */
  readonly rate: number;
  /** Seconds left at that rate; undefined without a total or a rate. */
  readonly etaS: number | undefined;
}

export function progressFigures(state: ProgressState, now: number): ProgressFigures {
  const elapsedS = (now - state.startedAt) / 1000;
  const rate = elapsedS > 0 ? state.done / elapsedS : 0;
  const etaS = state.total !== undefined && rate > 0 ? Math.max(0, (state.total - state.done) / rate) : undefined;
  return { rate, etaS };
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "compaction: 120,000/1,000,000 rows (12 %), 40,000 rows/s, 22 s left" */
export function progressLine(state: ProgressState, now: number): string {
  const { rate, etaS } = progressFigures(state, now);
  const total = state.total !== undefined ? `/${count(state.total)}` : '';
  const share = state.total !== undefined && state.total > 0 ? ` (${Math.floor((100 * state.done) / state.total)} %)` : '';
  const left = etaS !== undefined ? `, ${formatDuration(etaS)} left` : '';
  return `${state.phase}: ${count(state.done)}${total} ${state.unit}${share}, ${count(rate)} ${state.unit}/s${left}`;
}
