// The speed view, cached in time chunks. Each UTC hour that ended over
// SETTLE_MS ago is one chunk; the current hour is read in 5-minute chunks. A
// settled chunk changes only through late events and replays: it is fresh for
// `settledMs` and then still served while one background read refreshes it
// (stale-while-revalidate, up to MAX_STALE_MS). Chunks still being written are
// reused for `liveMs` only. Why: a day of minute rows (1440 x items x 12
// partition cells) takes seconds to read from HBase through the JS client, so
// without this neither a "today" top-X nor a dashboard at 1 s polls would be
// interactive. The price: a late event for a settled chunk shows up to
// `settledMs` later.
// Hour and day buckets come from the roll-ups (a row per bucket, not 60 or
// 1,440): they are read whole, not in chunks, and reused only through the
// answer cache (CountQuery, liveCacheMs). A sum (top-X) reads its minute parts
// through the chunks, except minutes still in the future (one plain scan,
// nearly always empty), and its hour and day parts from the roll-ups.

import type { CountGranularity, CountScope } from '../../common/contract';
import type { CountRow, CountViews } from './count-views';
import { sumSpeedReads } from './speed-sums';

const HOUR_MS = 3_600_000;
const LIVE_CHUNK_MS = 5 * 60_000;
/** How long after its end a chunk is taken as settled. */
export const SETTLE_MS = 2 * 60_000;
const MAX_STALE_MS = 10 * 60_000;

export interface SpeedCacheOptions {
  readonly liveMs: number;
  readonly settledMs: number;
  /** Bound on cached chunks (an item-scope hour of 20 items is about 100 KB). */
  readonly maxChunks?: number;
  readonly now?: () => number;
}

interface Chunk {
  value: Promise<CountRow[]>;
  readAt: number;
  refreshing: boolean;
}

export class CachedSpeedViews implements CountViews {
  private readonly chunks = new Map<string, Chunk>();
  private readonly now: () => number;

  constructor(
    private readonly inner: CountViews,
    private readonly options: SpeedCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  batchRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.inner.batchRows(scope, location, fromMs, toMs);
  }

  speedRows(
    scope: CountScope,
    location: bigint,
    fromMs: number,
    toMs: number,
    granularity: CountGranularity = 'minute',
  ): Promise<CountRow[]> {
    if (granularity !== 'minute') return this.inner.speedRows(scope, location, fromMs, toMs, granularity);
    return this.read(`${scope}|${location}`, fromMs, toMs, (from, to) => this.inner.speedRows(scope, location, from, to));
  }

  speedItemRows(
    location: bigint,
    itemName: string,
    fromMs: number,
    toMs: number,
    granularity: CountGranularity = 'minute',
  ): Promise<CountRow[]> {
    if (granularity !== 'minute') return this.inner.speedItemRows(location, itemName, fromMs, toMs, granularity);
    return this.read(`item|${location}|${itemName}`, fromMs, toMs, (from, to) => this.inner.speedItemRows(location, itemName, from, to));
  }

  speedSums(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    const now = this.now();
    return sumSpeedReads(fromMs, toMs, now, (read) =>
      read.granularity === 'minute' && read.fromMs < now
        ? this.speedRows(scope, location, read.fromMs, read.toMs)
        : this.inner.speedRows(scope, location, read.fromMs, read.toMs, read.granularity),
    );
  }

  get size(): number {
    return this.chunks.size;
  }

  private async read(
    prefix: string,
    fromMs: number,
    toMs: number,
    read: (from: number, to: number) => Promise<CountRow[]>,
  ): Promise<CountRow[]> {
    const now = this.now();
    const reads: Promise<CountRow[]>[] = [];
    for (const [from, to] of chunksOf(fromMs, toMs, now))
      reads.push(this.chunk(`${prefix}|${from}|${to}`, to + SETTLE_MS <= now, now, () => read(from, to)));
    return (await Promise.all(reads)).flat().filter((row) => row.bucketMs >= fromMs && row.bucketMs < toMs);
  }

  private chunk(key: string, settled: boolean, now: number, read: () => Promise<CountRow[]>): Promise<CountRow[]> {
    const ttl = settled ? this.options.settledMs : this.options.liveMs;
    if (ttl <= 0) return read();
    const hit = this.chunks.get(key);
    if (hit && now - hit.readAt < ttl) return this.touch(key, hit).value;
    if (hit && settled && now - hit.readAt < MAX_STALE_MS) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        read().then(
          (rows) => this.chunks.has(key) && Object.assign(hit, { value: Promise.resolve(rows), readAt: this.now(), refreshing: false }),
          () => (hit.refreshing = false),
        );
      }
      return this.touch(key, hit).value;
    }
    const value = read();
    this.store(key, { value, readAt: now, refreshing: false });
    value.catch(() => this.chunks.get(key)?.value === value && this.chunks.delete(key));
    return value;
  }

  private touch(key: string, chunk: Chunk): Chunk {
    this.chunks.delete(key);
    this.chunks.set(key, chunk);
    return chunk;
  }

  private store(key: string, chunk: Chunk): void {
    this.chunks.delete(key);
    this.chunks.set(key, chunk);
    const max = this.options.maxChunks ?? 20_000;
    while (this.chunks.size > max) this.chunks.delete(this.chunks.keys().next().value as string);
  }
}

/** Whole hours, except 5-minute pieces for an hour that has not settled yet. */
export function chunksOf(fromMs: number, toMs: number, nowMs: number): [number, number][] {
  const out: [number, number][] = [];
  for (let hour = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) {
    if (hour + HOUR_MS + SETTLE_MS <= nowMs) {
      out.push([hour, hour + HOUR_MS]);
      continue;
    }
    for (let piece = hour; piece < hour + HOUR_MS; piece += LIVE_CHUNK_MS)
      if (piece + LIVE_CHUNK_MS > fromMs && piece < toMs) out.push([piece, piece + LIVE_CHUNK_MS]);
  }
  return out;
}
