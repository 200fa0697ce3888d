// The Kafka producers in memory, for unit tests: MemoryProducer (RecordProducer,
// the HTTP ingest's sendBatch) keeps what the brokers would have acknowledged;
// MemoryPartitionOutput (PartitionOutput, the transactional dead letters and
// rekey output) keeps committed transactions only, as read_committed readers see
// them. A failed transaction leaves neither its records nor its offset. Claiming
// a partition fences the owner that claimed it before: its later sends fail, as
// a fenced kafkajs producer's do. `failWith` makes chosen sends fail.

import type { Message, ProducerBatch, RecordMetadata } from 'kafkajs';
import { KafkaError } from '../../common/errors';
import type { PartitionOutput, RecordProducer, TopicRecords } from '../../common/kafka';

export class MemoryProducer implements RecordProducer {
  readonly batches: ProducerBatch[] = [];
  failWith: Error | undefined;

  async sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    if (this.failWith) throw this.failWith;
    this.batches.push(batch);
    return (batch.topicMessages ?? []).map(({ topic }) => ({ topicName: topic, partition: 0, errorCode: 0 }));
  }

  /** Records acknowledged so far, all topics. */
  get sent(): number {
    return this.batches.flatMap((b) => b.topicMessages ?? []).reduce((n, t) => n + t.messages.length, 0);
  }

  messagesOf(topic: string): Message[] {
    return this.batches
      .flatMap((b) => b.topicMessages ?? [])
      .filter((t) => t.topic === topic)
      .flatMap((t) => t.messages);
  }
}

/** What one group has committed, shared by the owners that take turns on its partitions. */
export class MemoryGroup {
  readonly committed = new Map<number, bigint>();
  readonly records: { readonly partition: number; readonly topic: string; readonly message: Message }[] = [];
  /** The owner that claimed each partition last. */
  readonly owners = new Map<number, MemoryPartitionOutput>();
}

export class MemoryPartitionOutput implements PartitionOutput {
  /** Transactions committed by this owner: the records of each and its offset. */
  readonly transactions: { readonly partition: number; readonly records: readonly TopicRecords[]; readonly nextOffset: string }[] = [];
  failWith: ((partition: number, records: readonly TopicRecords[]) => Error | undefined) | undefined;
  closed = false;

  constructor(readonly group: MemoryGroup = new MemoryGroup()) {}

  async claim(partition: number): Promise<bigint | undefined> {
    this.group.owners.set(partition, this);
    return this.group.committed.get(partition);
  }

  async sendAndCommit(partition: number, records: readonly TopicRecords[], nextOffset: string): Promise<void> {
    const owner = this.group.owners.get(partition);
    if (owner !== undefined && owner !== this) throw new KafkaError(`ProducerFencedError: partition ${partition} has a newer owner`);
    const failure = this.failWith?.(partition, records);
    if (failure) throw failure;
    for (const { topic, messages } of records) for (const message of messages) this.group.records.push({ partition, topic, message });
    this.group.committed.set(partition, BigInt(nextOffset));
    this.transactions.push({ partition, records, nextOffset });
  }

  reassigned(partitions: readonly number[]): void {
    for (const partition of partitions) this.group.owners.set(partition, this);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
