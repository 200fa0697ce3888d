// What a correct pipeline must show for a simulated stream, pure: distinct
// detections (first occurrence of each oid wins), counts per location, item
// and minute (location "0" = all locations), totals, top items per location,
// and the invalid events with the reasons they must be refused for.

import { ALL_LOCATIONS, bucketStart, type RejectReason } from '../../common/contract';
import type { SimEvent } from './event-generator';

export interface TruthInvalid {
  readonly key: string;
  readonly value: string;
  readonly reason: RejectReason;
}

export interface Truth {
  readonly published: number;
  readonly distinct: number;
  readonly duplicates: number;
  readonly invalid: TruthInvalid[];
  /** "<location>|<minute start ms>|<item>" -> distinct detections; item "" = all items. */
  readonly counts: Record<string, number>;
  /** Top 5 items of each location over the whole run: count desc, then name asc. */
  readonly topItems: Record<string, { item: string; count: number }[]>;
  readonly totalsByLocation: Record<string, number>;
  /** detection_oid -> "<location>|<item>|<timestamp>" of the winning event. */
  readonly detections: Record<string, string>;
}

export function countKey(location: bigint | string, minuteStartMs: number, item: string): string {
  return `${location}|${minuteStartMs}|${item}`;
}

export function computeTruth(events: Iterable<SimEvent>, topX = 5): Truth {
  const winners = new Map<bigint, { location: bigint; item: string; ts: number }>();
  const invalid: TruthInvalid[] = [];
  let published = 0;
  let duplicates = 0;
  for (const sim of events) {
    published++;
    if (sim.kind === 'invalid') {
      invalid.push({ key: sim.key, value: sim.value, reason: sim.reason as RejectReason });
      continue;
    }
    const event = sim.event;
    if (!event) continue;
    if (winners.has(event.detectionOid)) {
      duplicates++;
      continue;
    }
    winners.set(event.detectionOid, { location: event.geographicalLocationOid, item: event.itemName, ts: event.timestampDetected });
  }
  const counts: Record<string, number> = {};
  const perLocationItem = new Map<string, Map<string, number>>();
  const totalsByLocation: Record<string, number> = {};
  const detections: Record<string, string> = {};
  const add = (key: string): void => void (counts[key] = (counts[key] ?? 0) + 1);
  for (const [oid, { location, item, ts }] of winners) {
    const minute = bucketStart(ts, 'minute');
    for (const loc of [location, ALL_LOCATIONS]) {
      add(countKey(loc, minute, item));
      add(countKey(loc, minute, ''));
    }
    const loc = location.toString();
    totalsByLocation[loc] = (totalsByLocation[loc] ?? 0) + 1;
    let items = perLocationItem.get(loc);
    if (!items) perLocationItem.set(loc, (items = new Map<string, number>()));
    items.set(item, (items.get(item) ?? 0) + 1);
    detections[oid.toString()] = `${location}|${item}|${ts}`;
  }
  const topItems: Record<string, { item: string; count: number }[]> = {};
  for (const [loc, items] of perLocationItem) {
    topItems[loc] = [...items]
      .map(([item, count]) => ({ item, count }))
      .sort((a, b) => (b.count !== a.count ? b.count - a.count : a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
      .slice(0, topX);
  }
  return { published, distinct: winners.size, duplicates, invalid, counts, topItems, totalsByLocation, detections };
}
