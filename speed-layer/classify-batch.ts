// Step 1 of a batch, pure: validate every message and mark in-batch repeats of
// an oid (the first offset wins). Validation uses the message's own Kafka
// timestamp as "now", so a replay months later classifies it the same way.

import { checkEventKey, validateDetectionEvent, type DetectionEvent, type Rejection } from '../common/contract';
import type { ConsumedMessage } from './consumed-message';

export type Classified =
  | { readonly kind: 'invalid'; readonly message: ConsumedMessage; readonly offset: bigint; readonly rejection: Rejection }
  | { readonly kind: 'valid'; readonly message: ConsumedMessage; readonly offset: bigint; readonly event: DetectionEvent; readonly repeatInBatch: boolean };

export function classifyBatch(messages: readonly ConsumedMessage[]): Classified[] {
  const seen = new Set<bigint>();
  return messages.map((message) => {
    const offset = BigInt(message.offset);
    const now = message.timestampMs;
    const result = message.value === null ? null : validateDetectionEvent(message.value, { now: () => now });
    if (result === null) {
      return { kind: 'invalid', message, offset, rejection: { ok: false, reason: 'not_an_object', message: 'message has no value (tombstone)' } };
    }
    if (!result.ok) return { kind: 'invalid', message, offset, rejection: result };
    const keyProblem = checkEventKey(message.key, result.event);
    if (keyProblem) return { kind: 'invalid', message, offset, rejection: keyProblem };
    const oid = result.event.detectionOid;
    const repeatInBatch = seen.has(oid);
    seen.add(oid);
    return { kind: 'valid', message, offset, event: result.event, repeatInBatch };
  });
}

/** The distinct oids of the valid messages, in first-seen order (the detection rows to look up). */
export function batchOids(classified: readonly Classified[]): bigint[] {
  const oids: bigint[] = [];
  for (const item of classified) if (item.kind === 'valid' && !item.repeatInBatch) oids.push(item.event.detectionOid);
  return oids;
}
