// Runs a speed sum plan (speed-sum-plan.ts): reads each part through `read`
// (the caller decides which parts a cache may serve) and adds or subtracts its
// rows per item. One row per item, bucketMs = fromMs.

import type { CountRow } from './count-views';
import { planSpeedSum, type SpeedRead } from './speed-sum-plan';

export async function sumSpeedReads(
  fromMs: number,
  toMs: number,
  nowMs: number,
  read: (part: SpeedRead) => Promise<CountRow[]>,
): Promise<CountRow[]> {
  const reads = planSpeedSum(fromMs, toMs, nowMs);
  const parts = await Promise.all(reads.map(read));
  const sums = new Map<string, bigint>();
  parts.forEach((rows, i) => {
    const sign = (reads[i] as SpeedRead).sign;
    for (const row of rows) sums.set(row.itemName, (sums.get(row.itemName) ?? 0n) + sign * row.count);
  });
  return [...sums].map(([itemName, count]) => ({ bucketMs: fromMs, itemName, count }));
}
