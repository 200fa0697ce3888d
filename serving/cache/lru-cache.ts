// The serving caches: the `lru-cache` package (least recently used eviction,
// a time-to-live per entry) behind the small interface the serving code uses.
// Values are usually promises, so concurrent identical requests share one
// read (single flight).

import { LRUCache } from 'lru-cache';

// NonNullable<unknown>: lru-cache stores no null or undefined values.
export class LruCache<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V>;

  constructor(maxEntries: number, now: () => number = Date.now) {
    // ttlResolution 0: every get checks the clock, so an entry is never served past its time.
    this.entries = new LRUCache<string, V>({ max: maxEntries, perf: { now }, ttlResolution: 0 });
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** ttlMs Infinity keeps the entry until evicted; 0 or less does not keep it at all. */
  set(key: string, value: V, ttlMs = Infinity): void {
    if (ttlMs <= 0) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, value, Number.isFinite(ttlMs) ? { ttl: ttlMs } : {});
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Returns the cached promise or starts `compute`; a rejected promise is dropped so the next call retries. */
export function cachedPromise<V>(cache: LruCache<Promise<V>>, key: string, ttlMs: number, compute: () => Promise<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = compute();
  cache.set(key, promise, ttlMs);
  promise.catch(() => {
    if (cache.get(key) === promise) cache.delete(key);
  });
  return promise;
}
