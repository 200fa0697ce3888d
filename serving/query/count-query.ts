// Answers counts and top-X questions by the lambda merge: reads the batch
// state, plans the range, reads each part from its view, merges. Whole
// answers are reused: batch-only answers until the batch generation changes,
// answers touching the speed view (and the batch state) for liveCacheMs, then
// served while one background read refreshes them, never older than
// maxStaleMs (cache/refreshing-cache.ts).

import { LruCache, cachedPromise } from '../cache/lru-cache';
import { RefreshingCache } from '../cache/refreshing-cache';
import {
  mergeCounts,
  partOf,
  planRange,
  rankTopItems,
  sumItemCounts,
  type CountPoint,
  type Granularity,
  type RangeLimits,
  type RangePlan,
  type RankedItem,
} from '../merge';
import type { BatchState, CountRow, CountViews, MetaReader } from '../views';

export interface CountsQuery {
  readonly locations: readonly bigint[];
  readonly itemName: string | null;
  readonly fromMs: number;
  readonly toMs: number;
  readonly granularity: Granularity;
}

export interface CountSeries {
  readonly location: bigint;
  readonly itemName: string | null;
  readonly points: readonly CountPoint[];
}

export interface CountsAnswer {
  readonly plan: RangePlan;
  readonly series: readonly CountSeries[];
}

export interface TopItemsQuery {
  readonly location: bigint;
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
}

export interface TopItemsAnswer {
  readonly plan: RangePlan;
  readonly items: readonly RankedItem[];
}

/** How long live answers are reused: fresh for liveCacheMs, then served while refreshed up to maxStaleMs. */
export interface LiveCacheOptions {
  readonly maxStaleMs?: number;
  readonly now?: () => number;
}

const MAX_ANSWERS = 5_000;

export class CountQuery {
  private readonly closed = new LruCache<Promise<unknown>>(MAX_ANSWERS);
  private readonly live: RefreshingCache<unknown>;
  private readonly state: RefreshingCache<BatchState>;

  constructor(
    private readonly views: CountViews,
    private readonly meta: MetaReader,
    private readonly limits: RangeLimits,
    liveCacheMs: number,
    /** Told the batch generation of each request, so closed-day caches drop stale days. */
    private readonly onGeneration: (generation: string) => void = () => undefined,
    options: LiveCacheOptions = {},
  ) {
    const policy = { freshMs: liveCacheMs, maxStaleMs: options.maxStaleMs ?? liveCacheMs };
    this.live = new RefreshingCache(policy, MAX_ANSWERS, options.now);
    // The watermark is read at most every liveCacheMs (capped at 1 s) and never older than the answers' bound.
    this.state = new RefreshingCache({ freshMs: Math.min(liveCacheMs, 1_000), maxStaleMs: policy.maxStaleMs }, 1, options.now);
  }

  /** The watermark and run generation (one HBase read per request otherwise). */
  private batchState(): Promise<BatchState> {
    return this.state.get('state', () => this.meta.batchState());
  }

  async counts(query: CountsQuery): Promise<CountsAnswer> {
    const state = await this.batchState();
    this.onGeneration(state.generation);
    const plan = planRange(query.fromMs, query.toMs, query.granularity, state.watermark, {
      ...this.limits,
      series: query.locations.length,
    });
    const key = `c|${state.generation}|${plan.fromMs}|${plan.toMs}|${plan.granularity}|${query.locations.join(',')}|${query.itemName ?? ''}`;
    return this.cached(key, plan, async () => ({
      plan,
      series: await Promise.all(query.locations.map((location) => this.series(plan, location, query.itemName))),
    }));
  }

  async topItems(query: TopItemsQuery): Promise<TopItemsAnswer> {
    const state = await this.batchState();
    this.onGeneration(state.generation);
    // Minute precision where only the speed view is read; whole hours once a batch day is in range.
    const speedOnly = state.watermark === null || query.fromMs >= Date.parse(`${state.watermark}T00:00:00Z`) + 86_400_000;
    const plan = planRange(query.fromMs, query.toMs, speedOnly ? 'minute' : 'hour', state.watermark, {
      ...this.limits,
      maxBuckets: Infinity,
      maxSourceBuckets: this.limits.maxBuckets,
      series: 1,
    });
    const key = `x|${state.generation}|${plan.fromMs}|${plan.toMs}|${query.location}|${query.limit}`;
    return this.cached(key, plan, async () => {
      const speedPart = partOf(plan, 'speed');
      const [batch, speed] = await Promise.all([
        this.readPart(plan, 'batch', query.location, null, 'item'),
        speedPart ? this.views.speedSums('item', query.location, speedPart.fromMs, speedPart.toMs) : [],
      ]);
      return { plan, items: rankTopItems(sumItemCounts(byItem(batch), byItem(speed)), query.limit) };
    });
  }

  private async series(plan: RangePlan, location: bigint, itemName: string | null): Promise<CountSeries> {
    const scope = itemName === null ? 'total' : 'item';
    const [batch, speed] = await Promise.all([
      this.readPart(plan, 'batch', location, itemName, scope),
      this.readPart(plan, 'speed', location, itemName, scope),
    ]);
    return { location, itemName, points: mergeCounts(plan, byBucket(batch), byBucket(speed)) };
  }

  private async readPart(
    plan: RangePlan,
    source: 'batch' | 'speed',
    location: bigint,
    itemName: string | null,
    scope: 'item' | 'total',
  ): Promise<CountRow[]> {
    const part = partOf(plan, source);
    if (!part) return [];
    if (source === 'batch') {
      const rows = await this.views.batchRows(scope, location, part.fromMs, part.toMs);
      return itemName === null ? rows : rows.filter((row) => row.itemName === itemName);
    }
    // Buckets of the answer's granularity (the part is aligned to it): the speed view's hour and day roll-ups serve those.
    if (itemName !== null) return this.views.speedItemRows(location, itemName, part.fromMs, part.toMs, plan.granularity);
    return this.views.speedRows(scope, location, part.fromMs, part.toMs, plan.granularity);
  }

  /** Closed days only: kept until the generation (in the key) changes; touching the speed view: the refreshing cache. */
  private cached<T>(key: string, plan: RangePlan, compute: () => Promise<T>): Promise<T> {
    if (partOf(plan, 'speed') !== undefined) return (this.live as RefreshingCache<T>).get(key, compute);
    return cachedPromise(this.closed as LruCache<Promise<T>>, key, Infinity, compute);
  }
}

function byBucket(rows: readonly CountRow[]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const row of rows) out.set(row.bucketMs, (out.get(row.bucketMs) ?? 0n) + row.count);
  return out;
}

function byItem(rows: readonly CountRow[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const row of rows) out.set(row.itemName, (out.get(row.itemName) ?? 0n) + row.count);
  return out;
}
