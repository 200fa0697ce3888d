// A detection joined with Dataset B, with the lineage of the Kafka message that
// first carried it. The speed layer stores the lineage in the HBase row: on a
// replay, a row whose lineage is the message being processed is our own earlier
// write, any other lineage marks a true duplicate (first occurrence wins).
// An oid missing from Dataset B keeps its event: name null, locationKnown false,
// re-enriched when the reference data gains it.

import type { DetectionEvent } from './detection-event';

export interface Lineage {
  readonly partition: number;
  /** The Kafka offset in decimal, as kafkajs hands it over (int64 does not fit a number). */
  readonly offset: string;
}

export interface EnrichedDetection extends DetectionEvent {
  readonly geographicalLocation: string | null;
  readonly locationKnown: boolean;
  readonly lineage: Lineage;
}

/** The broadcast join of one event with the reference map (referenceMap in reference-location.ts). */
export function enrichDetection(event: DetectionEvent, locations: ReadonlyMap<bigint, string>, lineage: Lineage): EnrichedDetection {
  const name = locations.get(event.geographicalLocationOid);
  return {
    geographicalLocationOid: event.geographicalLocationOid,
    videoCameraOid: event.videoCameraOid,
    detectionOid: event.detectionOid,
    itemName: event.itemName,
    timestampDetected: event.timestampDetected,
    geographicalLocation: name ?? null,
    locationKnown: name !== undefined,
    lineage,
  };
}

/** Offsets compare as strings only because both sides are canonical decimals. */
export function sameLineage(a: Lineage, b: Lineage): boolean {
  return a.partition === b.partition && a.offset === b.offset;
}
