// Dataset A files written by Spark or pandas hold timestamp_detected as int32
// or int64 epoch SECONDS or MILLISECONDS. Importers normalise to milliseconds,
// with the unit given by an option, or detected by magnitude:
//
//   |value| < 1e11  -> seconds       (1e11 s is the year 5138)
//   |value| >= 1e11 -> milliseconds  (1e11 ms is 1973-03-03T09:46:40Z)
//
// so any real date from 1973-03-03 to the year 5138 is read right either way.
// Detect once per column (detectColumnUnit) rather than per value, so a column
// cannot silently mix units.

import { ValidationError } from '../errors';

export type TimestampUnit = 'seconds' | 'milliseconds';
export type TimestampUnitOption = TimestampUnit | 'auto';

export const SECONDS_BELOW = 1e11;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function detectTimestampUnit(value: number | bigint): TimestampUnit {
  const magnitude = typeof value === 'bigint' ? (value < 0n ? -value : value) : Math.abs(value);
  return magnitude < SECONDS_BELOW ? 'seconds' : 'milliseconds';
}

/**
 * Epoch milliseconds from seconds or milliseconds (number, int32 or bigint).
 * Fractional seconds (pandas float columns) are rounded to the millisecond;
 * fractional milliseconds are refused, as are values beyond the safe range.
 * Throws ValidationError('invalid_timestamp').
 */
export function toEpochMillis(value: number | bigint, unit: TimestampUnitOption = 'auto'): number {
  const resolved = unit === 'auto' ? detectTimestampUnit(value) : unit;
  if (typeof value === 'bigint') {
    const ms = resolved === 'seconds' ? value * 1000n : value;
    if (ms > MAX_SAFE || ms < -MAX_SAFE) throw invalid(`${value} ${resolved} is beyond the representable range`);
    return Number(ms);
  }
  if (!Number.isFinite(value)) throw invalid(`${value} is not a timestamp`);
  if (resolved === 'seconds') {
    const ms = Math.round(value * 1000);
    if (!Number.isSafeInteger(ms)) throw invalid(`${value} seconds is beyond the representable range`);
    return ms === 0 ? 0 : ms; // no -0
  }
  if (!Number.isSafeInteger(value)) throw invalid(`${value} milliseconds is not a safe integer`);
  return value === 0 ? 0 : value;
}

/** The unit of a whole column, from its non-null values; undefined when there are none. Throws when they disagree. */
export function detectColumnUnit(values: Iterable<number | bigint | null | undefined>): TimestampUnit | undefined {
  let unit: TimestampUnit | undefined;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const next = detectTimestampUnit(value);
    if (unit !== undefined && unit !== next) {
      throw invalid(`column mixes epoch seconds and milliseconds (e.g. ${value}); pass the unit explicitly`);
    }
    unit = next;
  }
  return unit;
}

function invalid(message: string): ValidationError {
  return new ValidationError('invalid_timestamp', message);
}
