// The granularities a counts answer can have, and their UTC bucket arithmetic.
// Days are UTC calendar days, like the event days of the batch layer.

export type Granularity = 'minute' | 'hour' | 'day';
export const GRANULARITIES: readonly Granularity[] = ['minute', 'hour', 'day'];

export const DAY_MS = 86_400_000;
export const GRANULARITY_MS: Readonly<Record<Granularity, number>> = { minute: 60_000, hour: 3_600_000, day: DAY_MS };

export function floorTo(ms: number, granularity: Granularity): number {
  const size = GRANULARITY_MS[granularity];
  return Math.floor(ms / size) * size;
}

export function ceilTo(ms: number, granularity: Granularity): number {
  const size = GRANULARITY_MS[granularity];
  return Math.ceil(ms / size) * size;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
