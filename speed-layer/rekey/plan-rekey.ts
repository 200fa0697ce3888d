// Pure step of the rekey stage: each consumed message of a topic written by any
// producer (unkeyed, keyed by device, ...) is checked against the data
// contract and becomes either a record for the detections topic keyed by its
// detection_oid, or a dead letter with its reason. The value bytes, headers
// and the record timestamp travel unchanged: the speed layer validates again
// with the record's own timestamp as "now", so it decides exactly as the rekey
// did, and a replay months later decides the same way.

import { deadLetterRecord, judgementTime, validateDetectionEvent, type EventValidation, type Rejection } from '../../common/contract';
import type { ConsumedMessage } from '../consumed-message';

export interface RekeyMessage extends ConsumedMessage {
  readonly headers?: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
}

export interface OutgoingRecord {
  readonly key: string | Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp?: string;
  readonly headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export interface RekeyPlan {
  /** For the detections topic, keyed by detection_oid in decimal. */
  readonly republish: OutgoingRecord[];
  /** For the dead-letter topic, with reason and origin headers. */
  readonly deadLetters: OutgoingRecord[];
  readonly reasons: Map<Rejection['reason'], number>;
}

export function planRekey(messages: readonly RekeyMessage[], sourceTopic: string): RekeyPlan {
  const republish: OutgoingRecord[] = [];
  const deadLetters: OutgoingRecord[] = [];
  const reasons = new Map<Rejection['reason'], number>();
  for (const message of messages) {
    const result = judgeValue(message);
    if (!result.ok) {
      deadLetters.push(
        deadLetterRecord(message.key, message.value, {
          reason: result.reason,
          message: result.message,
          sourceTopic,
          sourcePartition: message.partition,
          sourceOffset: message.offset,
        }),
      );
      reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
      continue;
    }
    republish.push({
      key: result.event.detectionOid.toString(),
      value: message.value,
      timestamp: String(message.timestampMs),
      ...(message.headers ? { headers: { ...message.headers } } : {}),
    });
  }
  return { republish, deadLetters, reasons };
}

/**
 * The contract check of a message's value (its key is what the rekey replaces),
 * against its own record timestamp as "now", as the speed layer judges it; a
 * tombstone is not an object.
 */
export function judgeValue(message: Pick<ConsumedMessage, 'value' | 'timestampMs'>): EventValidation {
  if (message.value === null) return { ok: false, reason: 'not_an_object', message: 'message has no value (tombstone)' };
  const now = judgementTime(message.timestampMs);
  return validateDetectionEvent(message.value, { now: () => now });
}
