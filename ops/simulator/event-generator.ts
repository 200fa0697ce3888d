// The camera simulator's event stream, pure and seeded: originals, exact
// re-sends (upstream retries), re-sends of an oid with another payload, late
// events (hours old, maybe yesterday), malformed events (each with the reason
// the pipeline must give), and optionally one hot location.

import { encodeDetectionEvent, type DetectionEvent, type RejectReason } from '../../common/contract';
import { ITEM_NAMES, itemWeights } from './item-names';
import { createPrng, type Prng } from './prng';

export interface SimulationOptions {
  /** How many events; Infinity = until the consumer of the generator stops. */
  readonly events: number;
  readonly seed: number;
  /** Events per second the timestamps are spread at (the producer's target rate). */
  readonly rate: number;
  readonly startMs: number;
  /**
   * When given, timestamps spread evenly from startMs to endMs whatever the
   * publishing rate (to fill past days quickly, e.g. for the demo).
   */
  readonly endMs?: number;
  readonly duplicates: number;
  readonly sameOidNewPayload: number;
  readonly late: number;
  readonly invalid: number;
  /** Share of originals at location 1 (0 = no hot location). */
  readonly hotLocation: number;
  /** Location oids are 1..locations (the shipped reference sample has 10,000). */
  readonly locations: number;
  /** Share of originals at an oid missing from the reference sample (locations + 1 ..). */
  readonly unknownLocation: number;
  /** First detection_oid; above 2^53 exercises exact int64 handling. */
  readonly firstOid: bigint;
  readonly items: readonly string[];
}

export const defaultSimulation: SimulationOptions = {
  events: 10_000,
  seed: 1,
  rate: 10_000,
  startMs: 0,
  duplicates: 0.05,
  sameOidNewPayload: 0.005,
  late: 0.01,
  invalid: 0.001,
  hotLocation: 0,
  locations: 10_000,
  unknownLocation: 0,
  firstOid: 9_007_199_254_740_993n,
  items: ITEM_NAMES,
};

/**
 * A first detection_oid from the clock, for endless runs: a million oids per
 * millisecond, so a restarted or later run never re-sends the oids of an
 * earlier one (they would be dropped as duplicates); above 2^53 like the default.
 */
export function clockFirstOid(nowMs: number): bigint {
  return BigInt(nowMs) * 1_000_000n;
}

export type SimKind = 'original' | 'duplicate' | 'new_payload' | 'invalid';

export interface SimEvent {
  readonly kind: SimKind;
  /** Kafka key: detection_oid in decimal (or what a broken camera sends). */
  readonly key: string;
  readonly value: string;
  /** The decoded event for valid kinds. */
  readonly event?: DetectionEvent;
  /** The reason the pipeline must give, for kind invalid. */
  readonly reason?: RejectReason;
}

const RECENT = 2000;

export function* generateEvents(options: SimulationOptions): Generator<SimEvent> {
  const rng = createPrng(options.seed);
  const weights = cumulative(itemWeights(options.items.length));
  const recent: DetectionEvent[] = [];
  let nextOid = options.firstOid;
  for (let i = 0; i < options.events; i++) {
    const nominalMs = nominalTime(options, i);
    const roll = rng.next();
    let threshold = options.invalid;
    if (roll < threshold) {
      yield invalidEvent(rng, nextOid++, nominalMs);
      continue;
    }
    if (recent.length > 0 && roll < (threshold += options.duplicates)) {
      const original = rng.pick(recent);
      yield { kind: 'duplicate', key: original.detectionOid.toString(), value: encodeDetectionEvent(original), event: original };
      continue;
    }
    if (recent.length > 0 && roll < (threshold += options.sameOidNewPayload)) {
      const original = rng.pick(recent);
      // Another valid payload: a different item (appending to a 5000-character name would make it invalid).
      const other = options.items[
        (options.items.indexOf(original.itemName) + 1 + rng.int(options.items.length - 1)) % options.items.length
      ] as string;
      const changed: DetectionEvent = { ...original, itemName: other, timestampDetected: original.timestampDetected + 1 };
      yield { kind: 'new_payload', key: original.detectionOid.toString(), value: encodeDetectionEvent(changed), event: changed };
      continue;
    }
    const event = originalEvent(options, rng, weights, nextOid++, nominalMs);
    if (recent.length < RECENT) recent.push(event);
    else recent[rng.int(RECENT)] = event;
    yield { kind: 'original', key: event.detectionOid.toString(), value: encodeDetectionEvent(event), event };
  }
}

/** The i-th event's timestamp before jitter and lateness. */
export function nominalTime(options: Pick<SimulationOptions, 'events' | 'rate' | 'startMs' | 'endMs'>, i: number): number {
  if (options.endMs !== undefined && Number.isFinite(options.events))
    return options.startMs + Math.floor((i * (options.endMs - options.startMs)) / options.events);
  return options.startMs + Math.floor((i * 1000) / options.rate);
}

function originalEvent(options: SimulationOptions, rng: Prng, weights: number[], oid: bigint, nominalMs: number): DetectionEvent {
  let location: number;
  if (rng.next() < options.hotLocation) location = 1;
  else if (rng.next() < options.unknownLocation) location = options.locations + 1 + rng.int(100);
  else location = 1 + rng.int(options.locations);
  const lateBy = rng.next() < options.late ? (1 + rng.int(30)) * 3_600_000 + rng.int(3_600_000) : 0;
  return {
    geographicalLocationOid: BigInt(location),
    videoCameraOid: BigInt(location * 10 + rng.int(10)),
    detectionOid: oid,
    itemName: options.items[weightedIndex(weights, rng.next())] as string,
    timestampDetected: nominalMs - rng.int(2000) - lateBy,
  };
}

/** Broken events, one per reason; each unique (its oid) so a test can find it in the dead-letter topic. */
function invalidEvent(rng: Prng, oid: bigint, nominalMs: number): SimEvent {
  const key = oid.toString();
  const good = {
    geographical_location_oid: '1',
    video_camera_oid: '10',
    detection_oid: key,
    item_name: 'person',
    timestamp_detected: nominalMs,
  };
  const variants: [RejectReason, () => string, string?][] = [
    ['malformed_json', () => `{"detection_oid":"${key}","item_name":"person"`],
    ['not_an_object', () => `["${key}"]`],
    ['missing_field', () => JSON.stringify({ ...good, timestamp_detected: undefined })],
    ['invalid_int64', () => JSON.stringify({ ...good, video_camera_oid: 'ten' })],
    ['non_positive_oid', () => JSON.stringify({ ...good, geographical_location_oid: '-5' })],
    ['item_name_empty', () => JSON.stringify({ ...good, item_name: '' })],
    ['item_name_too_long', () => JSON.stringify({ ...good, item_name: 'x'.repeat(5001) })],
    ['invalid_timestamp', () => JSON.stringify({ ...good, timestamp_detected: 1234 })],
    ['key_mismatch', () => JSON.stringify(good), `${key}0`],
  ];
  const [reason, value, otherKey] = rng.pick(variants);
  return { kind: 'invalid', key: otherKey ?? key, value: value(), reason };
}

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

function weightedIndex(cumulativeWeights: number[], roll: number): number {
  const index = cumulativeWeights.findIndex((c) => roll < c);
  return index < 0 ? cumulativeWeights.length - 1 : index;
}
