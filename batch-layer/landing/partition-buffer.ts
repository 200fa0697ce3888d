// What the landing writer holds for one Kafka partition between flushes: the
// valid rows, the offset range of every message seen (valid or not), and the
// invalid messages counted by the UTC day of their Kafka timestamp. Pure.
// Validity is judged by common/contract judgeRecord, against the record's own
// timestamp, exactly as the speed layer judges it: an event is landed here iff
// the speed layer accepts it (the others are its dead letters).

import { eventDay, judgementTime, judgeRecord } from '../../common/contract';
import type { LandingRow } from '../schema/landing-row';

export interface RawMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly offset: string;
  readonly timestamp: string;
}

export class PartitionBuffer {
  readonly rows: LandingRow[] = [];
  readonly invalidByDay = new Map<string, number>();
  firstOffset: bigint | undefined;
  lastOffset: bigint | undefined;
  startedAt = 0;

  constructor(readonly partition: number) {}

  get messages(): number {
    return this.firstOffset === undefined ? 0 : Number((this.lastOffset as bigint) - this.firstOffset) + 1;
  }

  get isEmpty(): boolean {
    return this.firstOffset === undefined;
  }

  add(message: RawMessage, now: number): void {
    const offset = BigInt(message.offset);
    if (this.firstOffset === undefined) {
      this.firstOffset = offset;
      this.startedAt = now;
    }
    this.lastOffset = offset;
    const kafkaTimestamp = Number(message.timestamp);
    const result = judgeRecord({ key: message.key, value: message.value, timestampMs: kafkaTimestamp });
    // Invalid events are the speed layer's dead letters; here they are only counted.
    if (!result.ok) {
      const day = Number.isNaN(judgementTime(kafkaTimestamp)) ? 'unknown' : eventDay(kafkaTimestamp);
      this.invalidByDay.set(day, (this.invalidByDay.get(day) ?? 0) + 1);
      return;
    }
    const event = result.event;
    this.rows.push({
      detectionOid: event.detectionOid,
      geographicalLocationOid: event.geographicalLocationOid,
      videoCameraOid: event.videoCameraOid,
      itemName: event.itemName,
      timestampDetected: event.timestampDetected,
      partition: this.partition,
      offset,
      kafkaTimestamp,
    });
  }
}
