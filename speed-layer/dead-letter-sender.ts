// Sends refused events to the dead-letter topic exactly once: the original key
// and value bytes, the reason and origin in headers (common/contract
// dead-letter.ts), in a Kafka transaction that also commits the chunk's
// consumer offsets. A crash before the commit aborts both, so the replay sends
// them again and read_committed readers see each dead letter once.
// One transactional id per source partition: the next owner of a partition
// fences a dead or stale owner's producer (and aborts its open transaction) as
// soon as it is assigned the partition (reassigned()). kafkajs takes the
// transactional producer id, the request that fences, at the first
// transaction() and not at connect(), so producerFor() opens and aborts an
// empty transaction (local, no request) right after connecting.
// kafkajs's transactional offset commits carry no group generation (KIP-447),
// so a previous owner's commit can still land between the new owner's offset
// fetch and its fence. claim() therefore reads the committed offset again after
// the fence, when no earlier owner can move it any more.

import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { deadLetterRecord, type DeadLetterForm } from '../common/contract';
import { committedOffsets } from '../common/kafka';
import type { DeadLetter } from './plan-batch';

export interface DeadLetterTarget {
  readonly deadLetterTopic: string;
  readonly sourceTopic: string;
  readonly groupId: string;
  readonly transactionTimeoutMs: number;
}

export class DeadLetterSender {
  private readonly producers = new Map<number, Promise<Producer>>();
  private admin: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly target: DeadLetterTarget,
  ) {}

  /** Connects this partition's transactional producer and fences every earlier producer of its id. */
  producerFor(partition: number): Promise<Producer> {
    let producer = this.producers.get(partition);
    if (!producer) {
      const created = this.kafka.producer({
        transactionalId: `${this.target.groupId}.dead-letters.${this.target.sourceTopic}.${partition}`,
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
   * committed for it (undefined if none): messages below it are done, dead
   * letters included, even if this instance was handed older ones.
   */
  async claim(partition: number): Promise<bigint | undefined> {
    await this.producerFor(partition);
    return (await committedOffsets(await this.connectedAdmin(), this.target.groupId, this.target.sourceTopic)).get(partition);
  }

  /**
   * Dead letters and the consumer offset `nextOffset`, committed together. In
   * the 'full' form all records go in one send; a shrunk form (after the topic
   * refused a record as too large) sends them one by one, so no record batch
   * holds more than one.
   */
  async sendAndCommit(partition: number, deadLetters: readonly DeadLetter[], nextOffset: string, form: DeadLetterForm = 'full'): Promise<void> {
    const producer = await this.producerFor(partition);
    const transaction = await producer.transaction();
    try {
      const records = deadLetters.map(({ message, rejection }) =>
        deadLetterRecord(message.key, message.value, {
          reason: rejection.reason,
          message: rejection.message,
          sourceTopic: this.target.sourceTopic,
          sourcePartition: message.partition,
          sourceOffset: message.offset,
        }, form),
      );
      const groups = form === 'full' ? [records] : records.map((record) => [record]);
      for (const messages of groups) await transaction.send({ topic: this.target.deadLetterTopic, acks: -1, messages });
      await transaction.sendOffsets({
        consumerGroupId: this.target.groupId,
        topics: [{ topic: this.target.sourceTopic, partitions: [{ partition, offset: nextOffset }] }],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      // A fenced or broken producer cannot be reused: the retry connects a new one.
      await this.drop(partition);
      throw error;
    }
  }

  /**
   * After every (re)join: connect a new producer for each assigned partition at
   * once. Connecting fences the previous owner's producer, so a frozen owner
   * that wakes up mid-transaction cannot commit dead letters and offsets that
   * this instance is about to process again from the old committed offset.
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
