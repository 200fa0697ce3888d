// The lambda merge's plan for one time range: which part the batch view serves
// (whole days at or before the watermark, hour buckets) and which part the
// speed view serves (everything after, minute buckets). Pure.
//
// Decisions:
// - The range is widened to whole buckets of the asked granularity (from
//   rounded down, to rounded up); the answer states the effective range.
// - Minute granularity over a batch day is refused with a 400: the batch view
//   keeps hour buckets only, and a series that silently changes resolution
//   half-way would mislead a chart. Ask for hour or day, or start after the watermark.
// - A day at or before the watermark is served by the batch view alone, even
//   where the speed view still holds counts for it: the batch view wins.
// - Cost limit: locations x buckets at each source's resolution (the row keys
//   the views read) may not exceed maxRowKeys; more is a 413 stating the limit.

import { ApiError, badParameter } from '../errors';
import { ceilTo, DAY_MS, floorTo, GRANULARITY_MS, type Granularity } from './granularity';

export type ViewSource = 'batch' | 'speed';

export interface RangePart {
  readonly source: ViewSource;
  readonly fromMs: number;
  readonly toMs: number;
  /** The bucket size the source stores. */
  readonly resolution: 'hour' | 'minute';
}

export interface RangePlan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly granularity: Granularity;
  /** Last day served by the batch view (YYYY-MM-DD), or null before the first batch run. */
  readonly watermark: string | null;
  /** Start of the speed view's time: the end of the watermark day (null: no batch data). */
  readonly boundaryMs: number | null;
  readonly parts: readonly RangePart[];
}

export interface RangeLimits {
  readonly maxRangeDays: number;
  readonly maxBuckets: number;
  /** Most view rows one request may read: series x buckets at each source's resolution (API_MAX_ROW_KEYS). */
  readonly maxRowKeys?: number;
  /**
   * Most buckets (at each source's resolution) one series may read, for reads
   * that scan every item of a bucket (top-items): each bucket is many rows.
   */
  readonly maxSourceBuckets?: number;
  /** Series (locations) the request reads the range for; 1 when absent. */
  readonly series?: number;
}

/** The query would read more rows than allowed: 413, stating the limit. */
export class QueryTooLarge extends ApiError {}

export const DEFAULT_MAX_BUCKETS = 10_000;

export function planRange(
  fromMs: number,
  toMs: number,
  granularity: Granularity,
  watermark: string | null,
  limits: RangeLimits,
): RangePlan {
  if (toMs <= fromMs) throw badParameter('to', 'must be after from');
  const from = floorTo(fromMs, granularity);
  const to = ceilTo(toMs, granularity);
  if (to - from > limits.maxRangeDays * DAY_MS)
    throw badParameter('to', `the range from..to may cover at most ${limits.maxRangeDays} days`);
  const buckets = (to - from) / GRANULARITY_MS[granularity];
  if (buckets > limits.maxBuckets)
    throw badParameter(
      'granularity',
      `${buckets} ${granularity} buckets exceed the limit of ${limits.maxBuckets}; use a coarser granularity or a shorter range`,
    );

  const boundaryMs = watermark === null ? null : Date.parse(`${watermark}T00:00:00Z`) + DAY_MS;
  const parts: RangePart[] = [];
  if (boundaryMs !== null && from < boundaryMs) {
    if (granularity === 'minute') {
      throw badParameter(
        'granularity',
        `minute buckets are not kept for days at or before the batch watermark ${watermark} (the batch view has hour buckets): use granularity=hour or day, or a range starting after ${watermark}`,
      );
    }
    parts.push({ source: 'batch', fromMs: from, toMs: Math.min(to, boundaryMs), resolution: 'hour' });
  }
  if (boundaryMs === null || to > boundaryMs) {
    parts.push({ source: 'speed', fromMs: boundaryMs === null ? from : Math.max(from, boundaryMs), toMs: to, resolution: 'minute' });
  }
  const plan = { fromMs: from, toMs: to, granularity, watermark, boundaryMs, parts };
  checkRowKeys(plan, limits);
  return plan;
}

const RESOLUTION_MS = { hour: 3_600_000, minute: 60_000 } as const;

/** View rows (row keys) the plan reads per series: each part's buckets at the resolution its source stores. */
export function rowKeysPerSeries(plan: Pick<RangePlan, 'parts'>): number {
  return plan.parts.reduce((sum, part) => sum + Math.ceil((part.toMs - part.fromMs) / RESOLUTION_MS[part.resolution]), 0);
}

/**
 * The cost limit: series x row keys per series. Checked on the plan, before
 * any read, so a request that would fan out into hundreds of thousands of
 * HBase reads gets a 413 that says the limit instead.
 */
function checkRowKeys(plan: Pick<RangePlan, 'parts'>, limits: RangeLimits): void {
  const perSeries = rowKeysPerSeries(plan);
  if (limits.maxSourceBuckets !== undefined && perSeries > limits.maxSourceBuckets) {
    throw new QueryTooLarge(
      413,
      'query_too_large',
      `this query would scan every item of ${perSeries} buckets; the limit is ${limits.maxSourceBuckets} buckets per request: ask for a shorter range (days the batch has closed cost 24 buckets, other days 1,440)`,
    );
  }
  if (limits.maxRowKeys === undefined) return;
  const series = limits.series ?? 1;
  const total = series * perSeries;
  if (total > limits.maxRowKeys) {
    throw new QueryTooLarge(
      413,
      'query_too_large',
      `this query would read ${total} view rows (${series} location(s) x ${perSeries} buckets); the limit is ${limits.maxRowKeys} per request (API_MAX_ROW_KEYS): ask for fewer locations or a shorter range`,
    );
  }
}

/** The part of the plan a source serves, if any. */
export function partOf(plan: RangePlan, source: ViewSource): RangePart | undefined {
  return plan.parts.find((part) => part.source === source);
}
