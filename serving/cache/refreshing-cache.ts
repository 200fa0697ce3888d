// A cache for answers that go stale (anything touching the speed view): an
// answer is fresh for `freshMs` after its read started; after that, until
// `maxStaleMs`, callers still get it at once while one background read
// replaces it (stale-while-revalidate). Past `maxStaleMs` nobody gets it:
// callers wait for a newer read. Identical reads in flight are shared (single
// flight). Why: with a plain time to live every expiry made all callers of a
// key wait for one HBase read, at 1,000 requests/s the whole p99; this way a
// busy key never waits, and no answer is older than maxStaleMs.
// Ages count from the start of the read: its data is at least that new.

import { LruCache } from './lru-cache';

export interface RefreshPolicy {
  /** An answer younger than this is served as is. */
  readonly freshMs: number;
  /** Bound on the age of any answer served; below freshMs it counts as freshMs (no stale serving). */
  readonly maxStaleMs: number;
}

interface Entry<V> {
  /** The newest answer read, and when its read started. */
  settled?: { readonly value: Promise<V>; readonly startedAt: number };
  /** The read in flight, if any. */
  pending?: { readonly value: Promise<V>; readonly startedAt: number };
}

export class RefreshingCache<V> {
  private readonly entries: LruCache<Entry<V>>;
  private readonly maxStaleMs: number;

  constructor(
    private readonly policy: RefreshPolicy,
    maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LruCache(maxEntries);
    this.maxStaleMs = Math.max(policy.freshMs, policy.maxStaleMs);
  }

  get(key: string, read: () => Promise<V>): Promise<V> {
    if (this.policy.freshMs <= 0) return read();
    const now = this.now();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
    }
    const settled = entry.settled;
    if (settled && now - settled.startedAt < this.policy.freshMs) return settled.value;
    if (settled && now - settled.startedAt < this.maxStaleMs) {
      if (!entry.pending) void this.start(entry, now, read).catch(() => undefined); // its callers are the later ones
      return settled.value;
    }
    // Single flight: a read in flight is joined, unless it started maxStaleMs ago or more (a hung read does not hold everyone).
    if (entry.pending && now - entry.pending.startedAt < this.maxStaleMs) return entry.pending.value;
    return this.start(entry, now, read);
  }

  get size(): number {
    return this.entries.size;
  }

  private start(entry: Entry<V>, now: number, read: () => Promise<V>): Promise<V> {
    const value = read();
    const pending = { value, startedAt: now };
    entry.pending = pending;
    value.then(
      (result) => {
        if (entry.pending === pending) entry.pending = undefined;
        // A slower, older read never replaces a newer answer.
        if (!entry.settled || entry.settled.startedAt <= now) entry.settled = { value: Promise.resolve(result), startedAt: now };
      },
      () => {
        // A failed read leaves the last answer to serve until it is too old; the next caller retries.
        if (entry.pending === pending) entry.pending = undefined;
      },
    );
    return value;
  }
}
