// How to read the sum of the speed view's counts over [fromMs, toMs) (minute
// aligned) in few rows: whole days from the day roll-ups, whole hours from the
// hour roll-ups, minutes only at the edges; or, where it reads less, a whole
// day minus what lies outside the range in that day. "Today until now" is then
// the day row minus the (almost always empty) rest of the day: a few hundred
// cells instead of a row per minute per item. Pure.
//
// Reads of buckets that start after `nowMs` are counted as free: the speed
// view has rows there only for events stamped in the future.

import { BUCKET_MS, type CountGranularity } from '../../common/contract';
import { UtopiaError } from '../../common/errors';

export interface SpeedRead {
  readonly granularity: CountGranularity;
  readonly fromMs: number;
  readonly toMs: number;
  /** 1n: add the rows read; -1n: subtract them. */
  readonly sign: 1n | -1n;
}

const DAY = BUCKET_MS.day;
const HOUR = BUCKET_MS.hour;
const MINUTE = BUCKET_MS.minute;
/** What one more scan costs, in rows read. */
const READ_COST = 4;

export function planSpeedSum(fromMs: number, toMs: number, nowMs: number): SpeedRead[] {
  if (fromMs % MINUTE !== 0 || toMs % MINUTE !== 0) throw new UtopiaError(`speed sum range must be minute-aligned, got ${fromMs}..${toMs}`);
  if (toMs <= fromMs) return [];
  const reads: SpeedRead[] = [];
  const firstDay = Math.ceil(fromMs / DAY) * DAY;
  const lastDay = Math.floor(toMs / DAY) * DAY;
  if (firstDay < lastDay) {
    reads.push(...partOfDay(fromMs, firstDay, nowMs));
    reads.push({ granularity: 'day', fromMs: firstDay, toMs: lastDay, sign: 1n });
    reads.push(...partOfDay(lastDay, toMs, nowMs));
  } else if (firstDay < toMs && firstDay > fromMs) {
    reads.push(...partOfDay(fromMs, firstDay, nowMs), ...partOfDay(firstDay, toMs, nowMs));
  } else {
    reads.push(...partOfDay(fromMs, toMs, nowMs));
  }
  return reads;
}

/** [fromMs, toMs) inside one UTC day: added up, or the day minus the rest, whichever reads less. */
function partOfDay(fromMs: number, toMs: number, nowMs: number): SpeedRead[] {
  if (toMs <= fromMs) return [];
  const dayStart = Math.floor(fromMs / DAY) * DAY;
  const dayEnd = dayStart + DAY;
  const added = addUp(fromMs, toMs, 1n);
  if (fromMs === dayStart && toMs === dayEnd) return [{ granularity: 'day', fromMs, toMs, sign: 1n }];
  const complement = [
    { granularity: 'day' as const, fromMs: dayStart, toMs: dayEnd, sign: 1n as const },
    ...addUp(dayStart, fromMs, -1n),
    ...addUp(toMs, dayEnd, -1n),
  ];
  return cost(complement, nowMs) < cost(added, nowMs) ? complement : added;
}

/** Minutes up to the first whole hour, whole hours, minutes after the last. */
function addUp(fromMs: number, toMs: number, sign: 1n | -1n): SpeedRead[] {
  if (toMs <= fromMs) return [];
  const firstHour = Math.ceil(fromMs / HOUR) * HOUR;
  const lastHour = Math.floor(toMs / HOUR) * HOUR;
  if (firstHour >= lastHour) return [{ granularity: 'minute', fromMs, toMs, sign }];
  const reads: SpeedRead[] = [];
  if (fromMs < firstHour) reads.push({ granularity: 'minute', fromMs, toMs: firstHour, sign });
  reads.push({ granularity: 'hour', fromMs: firstHour, toMs: lastHour, sign });
  if (lastHour < toMs) reads.push({ granularity: 'minute', fromMs: lastHour, toMs, sign });
  return reads;
}

/** Rows a plan reads per key: buckets that start at or before now, plus a fixed cost per scan. */
export function cost(reads: readonly SpeedRead[], nowMs: number): number {
  let total = 0;
  for (const read of reads) {
    const size = BUCKET_MS[read.granularity];
    const end = Math.min(read.toMs, Math.floor(nowMs / size) * size + size);
    total += READ_COST + Math.max(0, (end - read.fromMs) / size);
  }
  return total;
}
