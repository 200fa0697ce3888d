// Dataset A, one detection event: the wire form on Kafka (JSON, snake_case) and
// the in-memory form every layer works with (camelCase, oids as bigint).
//
// Our producers write the three oids as decimal strings, because JSON numbers
// above 2^53 lose digits in JavaScript and in many other JSON readers. The
// timestamp is written as a JSON number: epoch milliseconds stay below 2^53
// for 285,000 years and the validated window keeps them far inside that, and a
// number lets Spark from_json, ksql or jq read it as a long without a cast.
// On input all four int64 fields may be strings or numbers (validate-event.ts).

import { formatInt64, type Int64Input } from './int64';

export interface DetectionEvent {
  readonly geographicalLocationOid: bigint;
  readonly videoCameraOid: bigint;
  readonly detectionOid: bigint;
  /** 1..5000 Unicode code points, well-formed (encodable as UTF-8). */
  readonly itemName: string;
  /** Epoch milliseconds, UTC, an integer within the validator's plausible window. */
  readonly timestampDetected: number;
}

/** The JSON object our producers write. */
export interface DetectionEventWire {
  readonly geographical_location_oid: string;
  readonly video_camera_oid: string;
  readonly detection_oid: string;
  readonly item_name: string;
  readonly timestamp_detected: number;
}

/** What the validator accepts: int64 fields as decimal strings, safe numbers, or bigint (Parquet importers). */
export interface DetectionEventInput {
  readonly geographical_location_oid: Int64Input;
  readonly video_camera_oid: Int64Input;
  readonly detection_oid: Int64Input;
  readonly item_name: string;
  readonly timestamp_detected: Int64Input;
}

export type DetectionEventField = keyof DetectionEventWire;

/** The wire fields in contract order (also the column order of the Parquet files). */
export const DETECTION_EVENT_FIELDS: readonly DetectionEventField[] = Object.freeze([
  'geographical_location_oid',
  'video_camera_oid',
  'detection_oid',
  'item_name',
  'timestamp_detected',
]);

export const ITEM_NAME_MAX_CODE_POINTS = 5000;

export function toWire(event: DetectionEvent): DetectionEventWire {
  return {
    geographical_location_oid: formatInt64(event.geographicalLocationOid),
    video_camera_oid: formatInt64(event.videoCameraOid),
    detection_oid: formatInt64(event.detectionOid),
    item_name: event.itemName,
    timestamp_detected: event.timestampDetected,
  };
}

/** The Kafka message value: JSON with the oids as decimal strings. */
export function encodeDetectionEvent(event: DetectionEvent): string {
  return JSON.stringify(toWire(event));
}

/** The Kafka message key: detection_oid in decimal, so retries of one event land in one partition. */
export function detectionEventKey(event: Pick<DetectionEvent, 'detectionOid'>): string {
  return formatInt64(event.detectionOid);
}
