// Merges the buckets read from the two views into one dense series at the
// asked granularity. Each output bucket takes its count from the one source
// that owns its time (plan-range.ts): a batch-day bucket ignores speed counts.

import { GRANULARITY_MS, floorTo } from './granularity';
import type { RangePlan, ViewSource } from './plan-range';

export interface CountPoint {
  readonly startMs: number;
  readonly count: bigint;
  readonly source: ViewSource;
}

/** Buckets of one source: bucket start (epoch ms, hour or minute) -> count. */
export type Buckets = ReadonlyMap<number, bigint>;

export function mergeCounts(plan: RangePlan, batch: Buckets, speed: Buckets): CountPoint[] {
  const size = GRANULARITY_MS[plan.granularity];
  const rolled = { batch: rollUp(batch, plan), speed: rollUp(speed, plan) };
  const points: CountPoint[] = [];
  for (let start = plan.fromMs; start < plan.toMs; start += size) {
    const source: ViewSource = plan.boundaryMs !== null && start < plan.boundaryMs ? 'batch' : 'speed';
    points.push({ startMs: start, count: rolled[source].get(start) ?? 0n, source });
  }
  return points;
}

export function sumPoints(points: readonly CountPoint[]): bigint {
  return points.reduce((sum, point) => sum + point.count, 0n);
}

function rollUp(buckets: Buckets, plan: RangePlan): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const [startMs, count] of buckets) {
    if (startMs < plan.fromMs || startMs >= plan.toMs) continue;
    const bucket = floorTo(startMs, plan.granularity);
    out.set(bucket, (out.get(bucket) ?? 0n) + count);
  }
  return out;
}
