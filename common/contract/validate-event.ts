// The gate every Dataset A event passes: bytes or text or an already-decoded
// row in, a DetectionEvent or one stable reason out. Built for the hot path:
// no exceptions and no regular expressions unless the input is bad.
//
// Fields outside the contract are ignored, not rejected: producers may add a
// field (say a confidence score) before every consumer is upgraded, the usual
// rule of Kafka schemas; only the contract fields travel on, so nothing
// unvalidated leaks into HBase or Parquet.

import { ValidationError } from '../errors';
import { ITEM_NAME_MAX_CODE_POINTS, type DetectionEvent, type DetectionEventField } from './detection-event';
import { tryParseInt64 } from './int64';
import { parseLosslessJson } from './lossless-json';
import type { RejectReason } from './reject-reason';
import { checkText } from './text-length';

export interface Rejection {
  readonly ok: false;
  readonly reason: RejectReason;
  /** Names the field and what is wrong with it, for people reading the dead-letter topic. */
  readonly message: string;
  readonly field?: DetectionEventField;
}

export type EventValidation = { readonly ok: true; readonly event: DetectionEvent } | Rejection;

export interface ValidateOptions {
  /** Earliest accepted timestamp_detected, epoch ms. Default 2000-01-01T00:00:00Z: older is a broken camera clock. */
  readonly minTimestampMs?: number;
  /** How far after now a timestamp may lie (camera clock skew). Default 1 day. */
  readonly maxFutureMs?: number;
  /** The clock, epoch ms. Default Date.now. Readers of Kafka records use judgeRecord (judge-record.ts) instead, which fixes it. */
  readonly now?: () => number;
  /** Latest accepted timestamp_detected whatever the clock says. Default MAX_TIMESTAMP_MS. */
  readonly maxTimestampMs?: number;
}

export const DEFAULT_MIN_TIMESTAMP_MS = Date.UTC(2000, 0, 1);
export const DEFAULT_MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/**
 * The absolute ceiling of timestamp_detected, 2100-01-01T00:00:00Z, whatever the
 * clock: every layout that does arithmetic on an event time (minute and hour
 * buckets as unsigned 32-bit numbers in count keys, cell timestamps, event days)
 * holds it with room to spare, so no valid event can throw while being stored.
 */
export const MAX_TIMESTAMP_MS = Date.UTC(2100, 0, 1);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A Buffer/Uint8Array is decoded as strict UTF-8 and parsed as JSON; a string is
 * parsed as JSON; anything else is taken as an already-decoded row (e.g. from
 * Parquet, where int64 columns may be bigint).
 */
export function validateDetectionEvent(input: unknown, options: ValidateOptions = {}): EventValidation {
  let value = input;
  if (input instanceof Uint8Array) {
    try {
      value = utf8.decode(input);
    } catch {
      return reject('invalid_utf8', 'message value is not valid UTF-8');
    }
  }
  if (typeof value === 'string') {
    try {
      value = parseLosslessJson(value);
    } catch (error) {
      return reject('malformed_json', `message value is not JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(
      'not_an_object',
      `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  const row = value as Record<string, unknown>;

  const geographicalLocationOid = readOid(row, 'geographical_location_oid');
  if (typeof geographicalLocationOid !== 'bigint') return geographicalLocationOid;
  const videoCameraOid = readOid(row, 'video_camera_oid');
  if (typeof videoCameraOid !== 'bigint') return videoCameraOid;
  const detectionOid = readOid(row, 'detection_oid');
  if (typeof detectionOid !== 'bigint') return detectionOid;

  const itemName = row.item_name;
  if (itemName === undefined || itemName === null) return missing('item_name', itemName);
  if (typeof itemName !== 'string') return reject('invalid_item_name', `item_name must be a string, got ${typeof itemName}`, 'item_name');
  switch (checkText(itemName, ITEM_NAME_MAX_CODE_POINTS)) {
    case 'empty':
      return reject('item_name_empty', 'item_name must not be empty', 'item_name');
    case 'too_long':
      return reject('item_name_too_long', `item_name has more than ${ITEM_NAME_MAX_CODE_POINTS} code points`, 'item_name');
    case 'ill_formed':
      return reject('invalid_item_name', 'item_name holds a lone UTF-16 surrogate and has no UTF-8 form', 'item_name');
    case 'ok':
      break;
  }

  const timestampDetected = readTimestamp(row.timestamp_detected, options);
  if (typeof timestampDetected !== 'number') return timestampDetected;

  return { ok: true, event: { geographicalLocationOid, videoCameraOid, detectionOid, itemName, timestampDetected } };
}

/** validateDetectionEvent for callers that want an exception (e.g. HTTP ingest answering 400). */
export function assertDetectionEvent(input: unknown, options: ValidateOptions = {}): DetectionEvent {
  const result = validateDetectionEvent(input, options);
  if (!result.ok) throw new ValidationError(result.reason, result.message);
  return result.event;
}

/** The Kafka key must be detection_oid in decimal (producers key by it); undefined when it is. */
export function checkEventKey(
  key: Uint8Array | string | null | undefined,
  event: Pick<DetectionEvent, 'detectionOid'>,
): Rejection | undefined {
  if (key === null || key === undefined) return reject('key_mismatch', 'message has no key; expected detection_oid', 'detection_oid');
  const text = typeof key === 'string' ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
  const parsed = tryParseInt64(text);
  if (parsed.ok && parsed.value === event.detectionOid) return undefined;
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return reject('key_mismatch', `message key ${shown} differs from detection_oid ${event.detectionOid}`, 'detection_oid');
}

function readOid(row: Record<string, unknown>, field: DetectionEventField): bigint | Rejection {
  const raw = row[field];
  if (raw === undefined || raw === null) return missing(field, raw);
  const parsed = tryParseInt64(raw);
  if (!parsed.ok) return reject('invalid_int64', `${field}: ${parsed.message}`, field);
  if (parsed.value <= 0n) return reject('non_positive_oid', `${field} must be > 0, got ${parsed.value}`, field);
  return parsed.value;
}

function readTimestamp(raw: unknown, options: ValidateOptions): number | Rejection {
  const field = 'timestamp_detected';
  if (raw === undefined || raw === null) return missing(field, raw);
  let value: bigint;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) {
    value = BigInt(raw);
  } else {
    const parsed = tryParseInt64(raw);
    if (!parsed.ok) return reject('invalid_timestamp', `${field} must be integer epoch milliseconds: ${parsed.message}`, field);
    value = parsed.value;
  }
  // The window is checked on the exact integer, before any arithmetic on it.
  const min = options.minTimestampMs ?? DEFAULT_MIN_TIMESTAMP_MS;
  const ceiling = options.maxTimestampMs ?? MAX_TIMESTAMP_MS;
  const now = (options.now ?? Date.now)();
  const skewed = Number.isFinite(now) ? now + (options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS) : ceiling;
  const max = Math.min(ceiling, skewed);
  if (value < BigInt(Math.trunc(min)) || value > BigInt(Math.trunc(max))) {
    return reject(
      'invalid_timestamp',
      `${field} ${(typeof raw === 'string' ? raw : String(value)).slice(0, 40)} is outside the plausible window ${iso(min)} .. ${iso(max)} (epoch milliseconds expected)`,
      field,
    );
  }
  return Number(value);
}

function missing(field: DetectionEventField, raw: null | undefined): Rejection {
  return reject('missing_field', `${field} is ${raw === null ? 'null' : 'missing'}`, field);
}

function reject(reason: RejectReason, message: string, field?: DetectionEventField): Rejection {
  return field === undefined ? { ok: false, reason, message } : { ok: false, reason, message, field };
}

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
