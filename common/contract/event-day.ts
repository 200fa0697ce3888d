// The event day of a detection: the UTC calendar day of timestamp_detected,
// written YYYY-MM-DD. It names warehouse partitions (dt=...), batch views and
// reports, and is what the batch watermark counts in.

import { ValidationError } from '../errors';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// The last day named: callers ask about millions of rows of the same few days.
let lastStartMs = NaN;
let lastDay = '';

export function eventDay(epochMs: number): string {
  if (epochMs >= lastStartMs && epochMs < lastStartMs + DAY_MS && Number.isInteger(epochMs)) return lastDay;
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) throw new ValidationError('invalid_day', `${epochMs} is not a time`);
  const day = date.toISOString().slice(0, 10);
  if (Number.isInteger(epochMs)) {
    // Only whole milliseconds: Date truncates a fraction toward zero, which flooring would not match below 0.
    lastStartMs = Math.floor(epochMs / DAY_MS) * DAY_MS;
    lastDay = day;
  }
  return day;
}

/** The day's [startMs, endMs) in epoch milliseconds; throws unless `day` is a real YYYY-MM-DD date. */
export function dayRange(day: string): { readonly startMs: number; readonly endMs: number } {
  const match = DAY.exec(day);
  const startMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(startMs) || eventDay(startMs) !== day) {
    throw new ValidationError('invalid_day', `expected a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return { startMs, endMs: startMs + DAY_MS };
}

export function isEventDay(day: string): boolean {
  const match = DAY.exec(day);
  return match !== null && eventDay(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) === day;
}
