// The part of a Kafka message the speed layer works with, independent of kafkajs
// so the planning code is pure and testable.

export interface ConsumedMessage {
  readonly partition: number;
  /** Canonical decimal offset, as kafkajs gives it. */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Kafka record timestamp (producer CreateTime), epoch ms: fixed per message, so a replay decides the same way. */
  readonly timestampMs: number;
}
