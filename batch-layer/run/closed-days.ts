// Which event days a batch run may compact: a UTC day is closed `graceMin`
// minutes after it ends, judged by the run's clock (common/clock: the system
// clock, `utopia batch run --now <ISO>`, or a test's fixed clock), never the
// wall clock read behind the caller's back. Pure.

import { dayRange } from '../../common/contract';

export function isDayClosed(day: string, nowMs: number, graceMin: number): boolean {
  return dayRange(day).endMs + graceMin * 60_000 <= nowMs;
}

/** The closed days among `days`, sorted. */
export function closedDays(days: Iterable<string>, nowMs: number, graceMin: number): string[] {
  return [...new Set(days)].filter((day) => isDayClosed(day, nowMs, graceMin)).sort();
}
