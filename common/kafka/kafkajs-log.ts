// kafkajs's log entries, judged for our logger. kafkajs logs every error
// response at ERROR, also the ones it retries as a matter of course: while a
// fresh broker creates and loads __consumer_offsets, a first start printed 46
// "coordinator is loading" / "not the correct coordinator" / "coordinator is
// not available" lines although nothing was wrong. Such transient group and
// leadership answers are DEBUG during a client's start-up and WARN (group
// rebalances INFO) after it; a real failure still reaches us as a thrown error
// once kafkajs's retries are spent, and is logged where it is handled. Pure.

import type { LogLevel } from '../config/parsers';

/** kafkajs's numeric levels (its logLevel enum). */
export const KAFKAJS_LEVEL = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 } as const;

export interface KafkaLogEntry {
  readonly level: number;
  readonly namespace: string;
  readonly message: string;
  /** The error text kafkajs attaches to some entries (e.g. an error response). */
  readonly error?: string;
}

export interface KafkaLogVerdict {
  /** undefined: not logged at all. */
  readonly level: LogLevel | undefined;
  readonly text: string;
}

/** Protocol error texts of kafkajs (protocol/error.js) for answers that are retried while a coordinator, leader or transaction settles. */
const SETTLING = [
  "The coordinator is loading and hence can't process requests for this group", // COORDINATOR_LOAD_IN_PROGRESS (14)
  'The group coordinator is not available', // COORDINATOR_NOT_AVAILABLE (15)
  'This is not the correct coordinator for this group', // NOT_COORDINATOR (16)
  'There is no leader for this topic-partition as we are in the middle of a leadership election', // LEADER_NOT_AVAILABLE (5)
  'This server is not the leader for that topic-partition', // NOT_LEADER_OR_FOLLOWER (6)
  'The coordinator is not aware of this member', // UNKNOWN_MEMBER_ID (25): the consumer re-joins
  // CONCURRENT_TRANSACTIONS (51): the previous transaction of this id (a fenced
  // predecessor's) is still being completed; the broker expects a retry.
  'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
];
/** A group rebalancing: how groups work, not a fault. */
const REBALANCING = ['The group is rebalancing'];

export const EOS_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';
const EOS_NOTE =
  ' (harmless here: producers with bounded retries either write inside a transaction, which is aborted as a whole on failure and invisible to read_committed readers, or publish detection events whose detection_oid makes a repeated send count once)';

export interface KafkaLogState {
  /** True while the client is starting (see kafka-client.ts); transient answers are DEBUG then. */
  readonly startingUp: boolean;
  /** Set once the EoS warning was noted in this process. */
  eosNoted: boolean;
}

export function judgeKafkaLog(entry: KafkaLogEntry, state: KafkaLogState): KafkaLogVerdict {
  const text = `[${entry.namespace}] ${entry.message}${entry.error ? `: ${entry.error}` : ''}`;
  if (entry.level >= KAFKAJS_LEVEL.INFO) return { level: 'debug', text };
  if (entry.message.startsWith(EOS_WARNING)) {
    if (state.eosNoted) return { level: undefined, text };
    state.eosNoted = true;
    return { level: 'debug', text: text + EOS_NOTE };
  }
  const said = `${entry.message} ${entry.error ?? ''}`;
  if (REBALANCING.some((m) => said.includes(m))) return { level: state.startingUp ? 'debug' : 'info', text };
  if (SETTLING.some((m) => said.includes(m))) return { level: state.startingUp ? 'debug' : 'warn', text };
  return { level: entry.level === KAFKAJS_LEVEL.ERROR ? 'error' : 'warn', text };
}
