// A small LRU map with an optional time-to-live per entry. Values are usually
// promises, so concurrent identical requests share one read (single flight).

export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly maxEntries: number, private readonly now: () => number = Date.now) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, ttlMs = Infinity): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
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
  promise.catch(() => cache.delete(key));
  return promise;
}
