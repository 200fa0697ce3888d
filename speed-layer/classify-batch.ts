// Step 1 of a batch, pure: validate every message and mark in-batch repeats of
// an oid (the first offset wins). Validation uses the message's own Kafka
// timestamp as "now", so a replay months later classifies it the same way.

import { checkEventKey, validateDetectionEvent, type DetectionEvent, type EventValidation, type Rejection } from '../common/contract';
import type { ConsumedMessage } from './consumed-message';

export type Classified =
  | { readonly kind: 'invalid'; readonly message: ConsumedMessage; readonly offset: bigint; readonly rejection: Rejection }
  | { readonly kind: 'valid'; readonly message: ConsumedMessage; readonly offset: bigint; readonly event: DetectionEvent; readonly repeatInBatch: boolean };

export function classifyBatch(messages: readonly ConsumedMessage[]): Classified[] {
  const seen = new Set<bigint>();
  return messages.map((message) => {
    const offset = BigInt(message.offset);
    const result = validateConsumed(message);
    if (!result.ok) return { kind: 'invalid', message, offset, rejection: result };
    const keyProblem = checkEventKey(message.key, result.event);
    if (keyProblem) return { kind: 'invalid', message, offset, rejection: keyProblem };
    const oid = result.event.detectionOid;
    const repeatInBatch = seen.has(oid);
    seen.add(oid);
    return { kind: 'valid', message, offset, event: result.event, repeatInBatch };
  });
}

/** The contract check of one message's value (not its key), with its own Kafka timestamp as "now"; a tombstone is not an object. */
export function validateConsumed(message: Pick<ConsumedMessage, 'value' | 'timestampMs'>): EventValidation {
  if (message.value === null) return { ok: false, reason: 'not_an_object', message: 'message has no value (tombstone)' };
  const now = message.timestampMs;
  return validateDetectionEvent(message.value, { now: () => now });
}

/** The distinct oids of the valid messages, in first-seen order (the detection rows to look up). */
export function batchOids(classified: readonly Classified[]): bigint[] {
  const oids: bigint[] = [];
  for (const item of classified) if (item.kind === 'valid' && !item.repeatInBatch) oids.push(item.event.detectionOid);
  return oids;
}
