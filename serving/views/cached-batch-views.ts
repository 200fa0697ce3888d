// Closed days never change until the batch layer writes them again, which it
// announces by moving the watermark or rewriting meta "batch/last-run". So the
// batch view is read one whole day at a time and kept in memory under that
// "generation"; a new generation drops everything. The speed view is passed
// through: it changes every second.

import { LruCache, cachedPromise } from '../cache/lru-cache';
import type { CountGranularity, CountScope } from '../../common/contract';
import type { CountRow, CountViews } from './count-views';

const DAY_MS = 86_400_000;

export class CachedBatchViews implements CountViews {
  private readonly days: LruCache<Promise<CountRow[]>>;
  private generation = '';

  constructor(
    private readonly inner: CountViews,
    maxDays = 50_000,
  ) {
    this.days = new LruCache(maxDays);
  }

  /** Called with the batch state read for each request; a change empties the cache. */
  useGeneration(generation: string): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.days.clear();
  }

  async batchRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    const reads: Promise<CountRow[]>[] = [];
    for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) {
      const key = `${scope}|${location}|${day}`;
      reads.push(cachedPromise(this.days, key, Infinity, () => this.inner.batchRows(scope, location, day, day + DAY_MS)));
    }
    const rows = (await Promise.all(reads)).flat();
    return rows.filter((row) => row.bucketMs >= fromMs && row.bucketMs < toMs);
  }

  speedRows(scope: CountScope, location: bigint, fromMs: number, toMs: number, granularity?: CountGranularity): Promise<CountRow[]> {
    return this.inner.speedRows(scope, location, fromMs, toMs, granularity);
  }

  speedItemRows(location: bigint, itemName: string, fromMs: number, toMs: number, granularity?: CountGranularity): Promise<CountRow[]> {
    return this.inner.speedItemRows(location, itemName, fromMs, toMs, granularity);
  }

  speedSums(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.inner.speedSums(scope, location, fromMs, toMs);
  }

  get cachedDays(): number {
    return this.days.size;
  }
}
