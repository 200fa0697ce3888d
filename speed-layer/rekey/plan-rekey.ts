// Pure step of the rekey stage: each consumed message of a topic written by any
// producer (unkeyed, keyed by device, ...) is checked against the data
// contract and becomes either a record for the detections topic keyed by its
// detection_oid, or a dead letter with its reason. The value bytes, headers
// and the record timestamp travel unchanged: the speed layer validates again
// with the record's own timestamp as "now", so it decides exactly as the rekey
// did, and a replay months later decides the same way.

import { deadLetterRecord, type Rejection } from '../../common/contract';
import { validateConsumed } from '../classify-batch';
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
    const result = validateConsumed(message);
    if (!result.ok) {
      deadLetters.push(deadLetterRecord(message, result, sourceTopic));
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
