// One transactional producer per source partition, for stages that consume a
// topic and must write their output and commit the consumed offsets in one
// Kafka transaction (exactly once for read_committed readers): the speed
// layer's dead letters, the rekey stage's republished events.
// The transactional id is stable per (group, role, source topic, partition),
// so the next owner of a partition fences a dead or stale owner's producer
// (and aborts its open transaction) as soon as it is assigned the partition
// (reassigned()). kafkajs takes the transactional producer id, the request
// that fences, at the first transaction() and not at connect(), so
// producerFor() opens and aborts an empty transaction (local, no request)
// right after connecting.
// kafkajs's transactional offset commits carry no group generation (KIP-447),
// so a previous owner's commit can still land between the new owner's offset
// fetch and its fence. claim() therefore reads the committed offset again
// after the fence, when no earlier owner can move it any more.
// A failed sendAndCommit leaves its partition in doubt: the commit may have
// landed with its reply lost. The next sendAndCommit of that partition claims
// first and skips a transaction whose offset is already committed, so a retry
// never writes the same records twice.

import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { committedOffsets } from './committed-offsets';
import type { PartitionOutput, TopicRecords } from './partition-output';

export interface PartitionTransactionsTarget {
  readonly sourceTopic: string;
  readonly groupId: string;
  /** What the producers write ("dead-letters", "rekey"): part of the transactional id. */
  readonly role: string;
  readonly transactionTimeoutMs: number;
}

export class PartitionTransactions implements PartitionOutput {
  private readonly producers = new Map<number, Promise<Producer>>();
  private admin: Promise<Admin> | undefined;
  /** Partitions whose last sendAndCommit failed: its commit may have landed all the same. */
  private readonly inDoubt = new Set<number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly target: PartitionTransactionsTarget,
  ) {}

  transactionalId(partition: number): string {
    return `${this.target.groupId}.${this.target.role}.${this.target.sourceTopic}.${partition}`;
  }

  /** Connects this partition's transactional producer and fences every earlier producer of its id. */
  producerFor(partition: number): Promise<Producer> {
    let producer = this.producers.get(partition);
    if (!producer) {
      const created = this.kafka.producer({
        transactionalId: this.transactionalId(partition),
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: this.target.transactionTimeoutMs,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      producer = created
        .connect()
        .then(() => created.transaction())
        .then((empty) => empty.abort())
        .then(() => created);
      producer.catch(() => this.producers.delete(partition));
      this.producers.set(partition, producer);
    }
    return producer;
  }

  /**
   * Fences the partition's earlier owners, then returns the offset the group has
   * committed for it (undefined if none): messages below it are done, their
   * output included, even if this instance was handed older ones.
   */
  async claim(partition: number): Promise<bigint | undefined> {
    await this.producerFor(partition);
    return (await committedOffsets(await this.connectedAdmin(), this.target.groupId, this.target.sourceTopic)).get(partition);
  }

  /**
   * The records (acks=all, one send per entry) and the consumer offset `nextOffset` of `partition`, committed together
   * or not at all. After a failure, nothing is sent again once the group's committed offset has reached `nextOffset`.
   */
  async sendAndCommit(partition: number, records: readonly TopicRecords[], nextOffset: string): Promise<void> {
    if (this.inDoubt.has(partition)) {
      const committed = await this.claim(partition);
      this.inDoubt.delete(partition);
      if (committed !== undefined && committed >= BigInt(nextOffset)) return;
    }
    const producer = await this.producerFor(partition);
    const transaction = await producer.transaction();
    try {
      // One send per entry, in order: a caller that wants one record per record batch passes one entry per record.
      for (const { topic, messages } of records)
        if (messages.length > 0) await transaction.send({ topic, acks: -1, messages: [...messages] });
      await transaction.sendOffsets({
        consumerGroupId: this.target.groupId,
        topics: [{ topic: this.target.sourceTopic, partitions: [{ partition, offset: nextOffset }] }],
      });
      await transaction.commit();
    } catch (error) {
      this.inDoubt.add(partition);
      await transaction.abort().catch(() => undefined);
      // A fenced or broken producer cannot be reused: the retry connects a new one.
      await this.drop(partition);
      throw error;
    }
  }

  /**
   * After every (re)join: connect a new producer for each assigned partition at
   * once. Connecting fences the previous owner's producer, so a frozen owner
   * that wakes up mid-transaction cannot commit output and offsets that this
   * instance is about to process again from the old committed offset.
   */
  reassigned(partitions: readonly number[]): void {
    const previous = [...this.producers.values()];
    this.producers.clear();
    for (const producer of previous) void producer.then((p) => p.disconnect()).catch(() => undefined);
    for (const partition of partitions) void this.producerFor(partition).catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([...this.producers.keys()].map((partition) => this.drop(partition)));
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const created = this.kafka.admin();
      const admin = created.connect().then(() => created);
      admin.catch(() => {
        if (this.admin === admin) this.admin = undefined;
      });
      this.admin = admin;
    }
    return this.admin;
  }

  private async drop(partition: number): Promise<void> {
    const producer = this.producers.get(partition);
    this.producers.delete(partition);
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }
}
