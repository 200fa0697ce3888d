// What a kafkajs error means for the caller, from its type only (never its text):
//   'transient'      wait and try again: the broker, the coordinator or the
//                    connection is away, or a producer/consumer generation must be
//                    renewed (kafkajs' retriable flag, plus the group and
//                    transaction states that a new producer or a rejoin clears);
//   'refused_record' the broker refused the records themselves (too large,
//                    invalid): sending the same bytes again can never succeed;
//   'fatal'          anything else kafkajs marks not retriable.
// kafkajs wraps the last failure of its own retries in
// KafkaJSNumberOfRetriesExceeded: that is judged by the failure it wraps.
// undefined: not a kafkajs error.

import { KafkaJSAggregateError, KafkaJSError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';

export type KafkaFailure = 'transient' | 'refused_record' | 'fatal';

/** Protocol error types of records the broker will never take as they are. */
const REFUSED_RECORD_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/** Not retriable for kafkajs, but cleared by a new producer (fencing, transaction state) or a rejoin (group generation). */
const RENEWABLE_TYPES = new Set([
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'INVALID_TXN_STATE',
  'UNKNOWN_PRODUCER_ID',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'INVALID_PRODUCER_ID_MAPPING',
  'TRANSACTION_COORDINATOR_FENCED',
  'CONCURRENT_TRANSACTIONS',
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

export function kafkaFailure(error: unknown, depth = 0): KafkaFailure | undefined {
  if (error instanceof KafkaJSAggregateError) {
    const kinds = error.errors.map((e) => kafkaFailure(e, depth + 1) ?? 'fatal');
    return kinds.includes('refused_record') ? 'refused_record' : kinds.includes('fatal') ? 'fatal' : 'transient';
  }
  if (!(error instanceof KafkaJSError) || depth > 5) return undefined;
  if (error instanceof KafkaJSNumberOfRetriesExceeded) return kafkaFailure(error.cause, depth + 1) ?? 'transient';
  if (error instanceof KafkaJSProtocolError) {
    if (REFUSED_RECORD_TYPES.has(error.type)) return 'refused_record';
    if (RENEWABLE_TYPES.has(error.type)) return 'transient';
  }
  if (error.retriable) return 'transient';
  // A non-retriable wrapper (e.g. a bail of kafkajs' retrier) around a protocol error: judge that error.
  const inner = kafkaFailure(error.cause, depth + 1);
  return inner ?? 'fatal';
}
