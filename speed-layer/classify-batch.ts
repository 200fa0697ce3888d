// Step 1 of a batch, pure: judge every message (common/contract judgeRecord:
// the same judgement, against the same clock, as the landing writer) and mark
// in-batch repeats of an oid (the first offset wins). `rejected` holds the
// messages an earlier attempt isolated as poison (chunk-runner.ts): they are
// dead-lettered with that reason instead of being judged again.

import { judgeRecord, type DetectionEvent, type Rejection } from '../common/contract';
import type { ConsumedMessage } from './consumed-message';

export type Classified =
  | { readonly kind: 'invalid'; readonly message: ConsumedMessage; readonly offset: bigint; readonly rejection: Rejection }
  | {
      readonly kind: 'valid';
      readonly message: ConsumedMessage;
      readonly offset: bigint;
      readonly event: DetectionEvent;
      readonly repeatInBatch: boolean;
    };

/** Poison messages by offset (decimal), with the rejection to dead-letter them with. */
export type RejectedMessages = ReadonlyMap<string, Rejection>;

export function classifyBatch(messages: readonly ConsumedMessage[], rejected: RejectedMessages = new Map()): Classified[] {
  const seen = new Set<bigint>();
  return messages.map((message) => {
    const offset = BigInt(message.offset);
    const poison = rejected.get(message.offset);
    if (poison) return { kind: 'invalid', message, offset, rejection: poison };
    const result = judgeRecord(message);
    if (!result.ok) return { kind: 'invalid', message, offset, rejection: result };
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
