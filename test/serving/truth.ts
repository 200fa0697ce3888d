// Random detections with duplicates, and the truth computed from them
// independently of the serving code: distinct detection_oid per bucket, and
// top-X by count desc, item_name asc (UTF-8 bytes), row_number ranks.

import type { SeedEvent } from '../../ops/bench/view-seeder';

export interface Generated {
  /** As published, with re-sent duplicates. */
  readonly published: SeedEvent[];
  /** First occurrence of each detection_oid. */
  readonly distinct: SeedEvent[];
}

let nextOid = 9_007_199_254_740_993n; // above 2^53: int64 must survive as strings

export function generateEvents(
  count: number,
  fromMs: number,
  toMs: number,
  locations: ReadonlyMap<bigint, string>,
  items: readonly string[],
  duplicateShare = 0.08,
): Generated {
  const oids = [...locations.keys()];
  const distinct: SeedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const detectionOid = nextOid++;
    const locationOid = oids[Math.floor(Math.random() ** 1.5 * oids.length)] as bigint; // skewed towards the first location
    distinct.push({
      detectionOid,
      locationOid,
      cameraOid: 500n + BigInt(i % 7),
      itemName: items[Math.floor(Math.random() ** 2 * items.length)] as string,
      timestampMs: fromMs + Math.floor(Math.random() * (toMs - fromMs)),
      partition: Number(detectionOid % 2n),
      offset: BigInt(i),
      locationName: locations.get(locationOid) ?? null,
    });
  }
  const published = [...distinct];
  for (const event of distinct) if (Math.random() < duplicateShare) published.push({ ...event, offset: event.offset + 1_000_000n });
  return { published, distinct: dedupe(published) };
}

export function dedupe(events: readonly SeedEvent[]): SeedEvent[] {
  const seen = new Set<bigint>();
  return events.filter((e) => (seen.has(e.detectionOid) ? false : (seen.add(e.detectionOid), true)));
}

export interface TruthFilter {
  readonly location?: bigint;
  readonly item?: string;
  readonly fromMs: number;
  readonly toMs: number;
}

function matching(events: readonly SeedEvent[], f: TruthFilter): SeedEvent[] {
  return dedupe(events).filter(
    (e) =>
      (f.location === undefined || e.locationOid === f.location) &&
      (f.item === undefined || e.itemName === f.item) &&
      e.timestampMs >= f.fromMs &&
      e.timestampMs < f.toMs,
  );
}

/** Distinct detections per bucket of `sizeMs`, for every bucket of [fromMs, toMs). */
export function truthBuckets(events: readonly SeedEvent[], f: TruthFilter, sizeMs: number): number[] {
  const out = Array.from({ length: Math.ceil((f.toMs - f.fromMs) / sizeMs) }, () => 0);
  for (const e of matching(events, f)) out[Math.floor((e.timestampMs - f.fromMs) / sizeMs)]! += 1;
  return out;
}

export function truthTop(
  events: readonly SeedEvent[],
  f: TruthFilter,
  limit: number,
): { item_rank: number; item_name: string; item_count: string }[] {
  const counts = new Map<string, Set<bigint>>();
  for (const e of matching(events, f)) counts.set(e.itemName, (counts.get(e.itemName) ?? new Set()).add(e.detectionOid));
  return [...counts]
    .map(([item, oids]) => ({ item, n: oids.size }))
    .sort((a, b) => (b.n !== a.n ? b.n - a.n : Buffer.compare(Buffer.from(a.item), Buffer.from(b.item))))
    .slice(0, limit)
    .map((r, i) => ({ item_rank: i + 1, item_name: r.item, item_count: String(r.n) }));
}
