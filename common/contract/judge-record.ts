// The one judgement of a record of the detections topic, shared by the speed
// layer and the landing writer, so an event is valid for both or for neither.
//
// The clock: an event is judged against its Kafka record timestamp (the
// producer's CreateTime, or the broker's LogAppendTime if the topic uses it),
// never the reader's wall clock. That time is fixed per record, so both
// layers, a replay after a crash and a re-read months later all decide alike.
// timestamp_detected is valid in [2000-01-01, record timestamp + 1 day], and
// never after MAX_TIMESTAMP_MS (2100-01-01) whatever the record says. A record
// timestamp that is itself implausible (missing, -1, before 2000 or after
// 2100, e.g. a producer's broken clock sending 3e14) is not trusted: the event
// is then judged by the absolute window alone.

import type { Rejection, EventValidation } from './validate-event';
import { checkEventKey, DEFAULT_MIN_TIMESTAMP_MS, MAX_TIMESTAMP_MS, validateDetectionEvent } from './validate-event';

export interface RecordToJudge {
  readonly key: Uint8Array | string | null | undefined;
  readonly value: Uint8Array | string | null | undefined;
  /** The Kafka record timestamp, epoch ms (kafkajs gives it as a decimal string). */
  readonly timestampMs: number;
}

/** The "now" an event is judged against: its record timestamp when plausible, else none (the absolute window only). */
export function judgementTime(recordTimestampMs: number): number {
  return Number.isSafeInteger(recordTimestampMs) && recordTimestampMs >= DEFAULT_MIN_TIMESTAMP_MS && recordTimestampMs <= MAX_TIMESTAMP_MS
    ? recordTimestampMs
    : Number.NaN;
}

/** Valid event or one stable reason: the value's fields, then the key. */
export function judgeRecord(record: RecordToJudge): EventValidation {
  if (record.value === null || record.value === undefined) return tombstone;
  const now = judgementTime(record.timestampMs);
  const result = validateDetectionEvent(record.value, { now: () => now });
  if (!result.ok) return result;
  return checkEventKey(record.key, result.event) ?? result;
}

const tombstone: Rejection = { ok: false, reason: 'not_an_object', message: 'message has no value (tombstone)' };
