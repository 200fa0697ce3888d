// A refused event goes to the dead-letter topic unchanged (same key, same value
// bytes, so it can be fixed and replayed) with the reason and its origin in
// Kafka headers; readers count dead letters by the reason header.

import { REJECT_REASONS, type RejectReason } from './reject-reason';

export const DEAD_LETTER_HEADERS = {
  reason: 'utopia.reject.reason',
  message: 'utopia.reject.message',
  sourceTopic: 'utopia.source.topic',
  sourcePartition: 'utopia.source.partition',
  sourceOffset: 'utopia.source.offset',
} as const;

export interface DeadLetterInfo {
  readonly reason: RejectReason;
  readonly message: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  /** Decimal, as kafkajs gives offsets. */
  readonly sourceOffset: string;
}

/** Header values are kept short: a message quoting a 5000-character item name would bloat every record. */
const MAX_MESSAGE_LENGTH = 1000;

export function deadLetterHeaders(info: DeadLetterInfo): Record<string, string> {
  return {
    [DEAD_LETTER_HEADERS.reason]: info.reason,
    [DEAD_LETTER_HEADERS.message]: info.message.length > MAX_MESSAGE_LENGTH ? `${info.message.slice(0, MAX_MESSAGE_LENGTH)}…` : info.message,
    [DEAD_LETTER_HEADERS.sourceTopic]: info.sourceTopic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(info.sourcePartition),
    [DEAD_LETTER_HEADERS.sourceOffset]: info.sourceOffset,
  };
}

export interface DeadLetterRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

/** The Kafka record of a refused event: same key and value bytes, reason and origin in headers. */
export function deadLetterRecord(key: Buffer | null, value: Buffer | null, info: DeadLetterInfo, form: 'full' = 'full'): DeadLetterRecord {
  void form; // the only form here; smaller forms for records the topic refuses as too large may follow
  return { key, value, headers: deadLetterHeaders(info) };
}

const PARTITION = /^(0|[1-9]\d{0,9})$/;

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Reads the headers back (kafkajs hands them over as Buffers); undefined when they are not ours. */
export function parseDeadLetterHeaders(headers: Readonly<Record<string, HeaderValue>>): DeadLetterInfo | undefined {
  const reason = text(headers[DEAD_LETTER_HEADERS.reason]);
  const partitionText = text(headers[DEAD_LETTER_HEADERS.sourcePartition]);
  const partition = partitionText !== undefined && PARTITION.test(partitionText) ? Number(partitionText) : NaN;
  const sourceTopic = text(headers[DEAD_LETTER_HEADERS.sourceTopic]);
  const sourceOffset = text(headers[DEAD_LETTER_HEADERS.sourceOffset]);
  if (!isRejectReason(reason) || sourceTopic === undefined || sourceOffset === undefined || Number.isNaN(partition)) return undefined;
  return { reason, message: text(headers[DEAD_LETTER_HEADERS.message]) ?? '', sourceTopic, sourcePartition: partition, sourceOffset };
}

export function isRejectReason(value: unknown): value is RejectReason {
  return typeof value === 'string' && (REJECT_REASONS as readonly string[]).includes(value);
}

function text(value: HeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
