// The end-to-end fault suite's batch step, shared with the test that runs it
// with the clock at 23:59:30 UTC (test/batch/batch-clock.test.ts): the batch
// runs on the suite's clock, fixed when the suite starts, and the days it must
// compact are the event days that clock has closed. A wall clock read by the
// batch itself would also close "today" when the suite crosses midnight UTC.

import type { Clock } from '../../common/clock';
import { dayRange, eventDay } from '../../common/contract';
import { runBatch, type BatchRunDeps, type BatchRunResult } from '../../batch-layer';

const DAY_MS = 86_400_000;

/** The closed days holding events, by the suite's clock (grace 0, as the test worlds configure). */
export function suiteClosedDays(eventTimesMs: Iterable<number>, clock: Clock): string[] {
  const todayStart = Math.floor(clock.now() / DAY_MS) * DAY_MS;
  return [...new Set([...eventTimesMs].map((ms) => eventDay(ms)))].filter((day) => dayRange(day).endMs <= todayStart).sort();
}

/** Runs the nightly batch on the suite's clock. */
export function runSuiteBatch(deps: BatchRunDeps, clock: Clock): Promise<BatchRunResult> {
  return runBatch(deps, { clock });
}
