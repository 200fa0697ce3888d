// Test data for the batch layer: a seeded generator of Dataset A events over
// given days (duplicates, one hot location), a producer writing them to Kafka
// keyed by detection_oid with explicit Kafka timestamps, and the truth a
// correct batch must produce (first occurrence wins; send order = offset order
// within a partition, since one producer sends sequentially with acks=all).

import type { Config } from '../../common/config';
import { dayRange, encodeDetectionEvent, detectionEventKey, eventDay, type DetectionEvent } from '../../common/contract';
import { createKafka } from '../../common/kafka';

export interface SentEvent {
  readonly event: DetectionEvent;
  /** Kafka message timestamp, epoch ms. */
  readonly kafkaTimestamp: number;
}

export interface GenerateOptions {
  readonly seed: number;
  readonly days: readonly string[];
  readonly perDay: number;
  readonly locations: number;
  /** Share of events at location 1 (the hot one). */
  readonly hotShare: number;
  readonly items: number;
  readonly duplicateRate: number;
  /** First oid; oids then count up (pass one above 2^53 to test exactness). */
  readonly firstOid: bigint;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateEvents(options: GenerateOptions): SentEvent[] {
  const random = mulberry32(options.seed);
  const out: SentEvent[] = [];
  let oid = options.firstOid;
  for (const day of options.days) {
    const { startMs } = dayRange(day);
    for (let i = 0; i < options.perDay; i++) {
      const location = random() < options.hotShare ? 1n : BigInt(2 + Math.floor(random() * (options.locations - 1)));
      const ts = startMs + Math.floor(random() * 86_400_000);
      const event: DetectionEvent = {
        geographicalLocationOid: location,
        videoCameraOid: BigInt(100 + Math.floor(random() * 20)),
        detectionOid: oid++,
        // Skewed item popularity so the top-X has clear ranks and some ties.
        itemName: `item-${String(Math.floor(options.items * random() * random())).padStart(3, '0')}`,
        timestampDetected: ts,
      };
      out.push({ event, kafkaTimestamp: ts + 1000 });
      if (random() < options.duplicateRate)
        out.push({ event: { ...event, itemName: `${event.itemName}-retry` }, kafkaTimestamp: ts + 5000 });
    }
  }
  return out;
}

export async function produceEvents(
  config: Config,
  events: readonly SentEvent[],
  invalid: readonly { value: string; key: string; kafkaTimestamp: number }[] = [],
): Promise<void> {
  const producer = createKafka(config, { clientIdSuffix: 'test-producer' }).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic: config.kafka.detectionsTopic,
        acks: -1,
        messages: events
          .slice(i, i + 500)
          .map((e) => ({ key: detectionEventKey(e.event), value: encodeDetectionEvent(e.event), timestamp: String(e.kafkaTimestamp) })),
      });
    }
    if (invalid.length > 0) {
      await producer.send({
        topic: config.kafka.detectionsTopic,
        acks: -1,
        messages: invalid.map((m) => ({ key: m.key, value: m.value, timestamp: String(m.kafkaTimestamp) })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

export interface Truth {
  /** oid -> the winning event and its Kafka timestamp. */
  readonly rows: Map<bigint, SentEvent>;
  readonly sent: number;
  readonly duplicates: number;
}

/** The expected warehouse of `day`: first sent copy of each oid. */
export function truthOf(events: readonly SentEvent[], day: string): Truth {
  const rows = new Map<bigint, SentEvent>();
  let sent = 0;
  for (const e of events) {
    if (eventDay(e.event.timestampDetected) !== day) continue;
    sent++;
    if (!rows.has(e.event.detectionOid)) rows.set(e.event.detectionOid, e);
  }
  return { rows, sent, duplicates: sent - rows.size };
}

/** Expected top-X per location with the contract's ordering. */
export function truthTopX(truth: Truth, x: number): Map<bigint, { item: string; count: number }[]> {
  const counts = new Map<bigint, Map<string, number>>();
  for (const { event } of truth.rows.values()) {
    const items = counts.get(event.geographicalLocationOid) ?? new Map<string, number>();
    items.set(event.itemName, (items.get(event.itemName) ?? 0) + 1);
    counts.set(event.geographicalLocationOid, items);
  }
  const out = new Map<bigint, { item: string; count: number }[]>();
  for (const [location, items] of counts) {
    out.set(
      location,
      [...items]
        .sort((a, b) => (b[1] !== a[1] ? b[1] - a[1] : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, x)
        .map(([item, count]) => ({ item, count })),
    );
  }
  return out;
}

/** Expected hour counts: "loc|hourStartMs|item" -> count (item scope only). */
export function truthHourCounts(truth: Truth): Map<string, number> {
  const out = new Map<string, number>();
  for (const { event } of truth.rows.values()) {
    const key = `${event.geographicalLocationOid}|${Math.floor(event.timestampDetected / 3_600_000) * 3_600_000}|${event.itemName}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}
