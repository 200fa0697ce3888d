// A refused event goes to the dead-letter topic unchanged (same key, same value
// bytes, so it can be fixed and replayed) with the reason and its origin in
// Kafka headers; readers count dead letters by the reason header.
// When the dead-letter topic refuses a record as too large (its
// max.message.bytes), the dead letter is sent again in a smaller form, never
// dropped: 'summary' keeps the first bytes of the value and a short key,
// 'minimal' keeps no value at all; both keep the reason, source partition and
// offset, the detection_oid when one can be read, and the original size in
// `utopia.value.truncated`.

import { tryParseInt64 } from './int64';
import { REJECT_REASONS, type RejectReason } from './reject-reason';

export const DEAD_LETTER_HEADERS = {
  reason: 'utopia.reject.reason',
  message: 'utopia.reject.message',
  sourceTopic: 'utopia.source.topic',
  sourcePartition: 'utopia.source.partition',
  sourceOffset: 'utopia.source.offset',
  /** Only on a shrunk dead letter: the detection_oid read from the key or the value, if any. */
  detectionOid: 'utopia.detection.oid',
  /** Only on a shrunk dead letter: the original value's size in bytes. */
  truncatedFrom: 'utopia.value.truncated',
} as const;

export type DeadLetterForm = 'full' | 'summary' | 'minimal';
export const DEAD_LETTER_FORMS: readonly DeadLetterForm[] = ['full', 'summary', 'minimal'];

export interface DeadLetterRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

const SUMMARY_VALUE_BYTES = 256;
const SUMMARY_KEY_BYTES = 64;
const SUMMARY_MESSAGE_LENGTH = 200;

/** The record to send for a refused event in the given form. */
export function deadLetterRecord(
  key: Buffer | null,
  value: Buffer | null,
  info: DeadLetterInfo,
  form: DeadLetterForm = 'full',
): DeadLetterRecord {
  if (form === 'full') return { key, value, headers: deadLetterHeaders(info) };
  const headers = deadLetterHeaders({ ...info, message: form === 'summary' ? info.message.slice(0, SUMMARY_MESSAGE_LENGTH) : '' });
  const oid = detectionOidOf(key, value);
  if (oid !== undefined) headers[DEAD_LETTER_HEADERS.detectionOid] = oid;
  headers[DEAD_LETTER_HEADERS.truncatedFrom] = String(value?.length ?? 0);
  if (form === 'minimal') return { key: oid === undefined ? null : Buffer.from(oid, 'latin1'), value: null, headers };
  return {
    key: key === null ? null : key.subarray(0, SUMMARY_KEY_BYTES),
    value: value === null ? null : value.subarray(0, SUMMARY_VALUE_BYTES),
    headers,
  };
}

const OID_IN_VALUE = /"detection_oid"\s*:\s*"?(-?\d{1,20})/;

/** The detection_oid of a refused event: its key when that is an int64, else the value's field if it shows. */
export function detectionOidOf(key: Buffer | null, value: Buffer | null): string | undefined {
  if (key !== null && key.length <= 20) {
    const parsed = tryParseInt64(key.toString('latin1'));
    if (parsed.ok) return parsed.value.toString();
  }
  const match = value === null ? null : OID_IN_VALUE.exec(value.subarray(0, 64 * 1024).toString('utf8'));
  return match?.[1];
}

export interface DeadLetterInfo {
  readonly reason: RejectReason;
  readonly message: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  /** Decimal, as kafkajs gives offsets. */
  readonly sourceOffset: string;
  /** Read back from a shrunk dead letter only. */
  readonly detectionOid?: string;
  /** Read back from a shrunk dead letter only: the original value's size. */
  readonly truncatedFromBytes?: number;
}

/** Header values are kept short: a message quoting a 5000-character item name would bloat every record. */
const MAX_MESSAGE_LENGTH = 1000;

export function deadLetterHeaders(info: DeadLetterInfo): Record<string, string> {
  return {
    [DEAD_LETTER_HEADERS.reason]: info.reason,
    [DEAD_LETTER_HEADERS.message]:
      info.message.length > MAX_MESSAGE_LENGTH ? `${info.message.slice(0, MAX_MESSAGE_LENGTH)}…` : info.message,
    [DEAD_LETTER_HEADERS.sourceTopic]: info.sourceTopic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(info.sourcePartition),
    [DEAD_LETTER_HEADERS.sourceOffset]: info.sourceOffset,
  };
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
  const detectionOid = text(headers[DEAD_LETTER_HEADERS.detectionOid]);
  const truncatedFrom = text(headers[DEAD_LETTER_HEADERS.truncatedFrom]);
  return {
    reason,
    message: text(headers[DEAD_LETTER_HEADERS.message]) ?? '',
    sourceTopic,
    sourcePartition: partition,
    sourceOffset,
    ...(detectionOid === undefined ? {} : { detectionOid }),
    ...(truncatedFrom === undefined ? {} : { truncatedFromBytes: Number(truncatedFrom) }),
  };
}

export function isRejectReason(value: unknown): value is RejectReason {
  return typeof value === 'string' && (REJECT_REASONS as readonly string[]).includes(value);
}

function text(value: HeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
