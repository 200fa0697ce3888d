// Sends refused events to the dead-letter topic exactly once: the original key
// and value bytes, the reason and origin in headers (common/contract
// dead-letter.ts), in a Kafka transaction that also commits the chunk's
// consumer offsets. A crash before the commit aborts both, so the replay sends
// them again and read_committed readers see each dead letter once.
// The transactional producers, one per source partition with the fencing of
// earlier owners, are common/kafka's PartitionTransactions (the rekey stage
// uses them too); this file only says what goes in the transaction.

import type { Kafka } from 'kafkajs';
import { deadLetterRecord, type DeadLetterForm } from '../common/contract';
import { PartitionTransactions, type PartitionOutput } from '../common/kafka';
import type { DeadLetter } from './plan-batch';

export interface DeadLetterTarget {
  readonly deadLetterTopic: string;
  readonly sourceTopic: string;
  readonly groupId: string;
  readonly transactionTimeoutMs: number;
}

/** The transactional producers of the dead letters, one per source partition (built by the layer's entry point). */
export function deadLetterTransactions(kafka: Kafka, target: DeadLetterTarget): PartitionOutput {
  return new PartitionTransactions(kafka, { ...target, role: 'dead-letters' });
}

export class DeadLetterSender {
  constructor(
    private readonly transactions: PartitionOutput,
    private readonly target: Pick<DeadLetterTarget, 'deadLetterTopic' | 'sourceTopic'>,
  ) {}

  /** Fences the partition's earlier owners, then returns the offset the group has committed for it (undefined if none). */
  claim(partition: number): Promise<bigint | undefined> {
    return this.transactions.claim(partition);
  }

  /**
   * Dead letters and the consumer offset `nextOffset`, committed together. In
   * the 'full' form all records go in one send; a shrunk form (after the topic
   * refused a record as too large) sends them one by one, so no record batch
   * holds more than one.
   */
  sendAndCommit(partition: number, deadLetters: readonly DeadLetter[], nextOffset: string, form: DeadLetterForm = 'full'): Promise<void> {
    const records = deadLetters.map(({ message, rejection }) =>
      deadLetterRecord(
        message.key,
        message.value,
        {
          reason: rejection.reason,
          message: rejection.message,
          sourceTopic: this.target.sourceTopic,
          sourcePartition: message.partition,
          sourceOffset: message.offset,
        },
        form,
      ),
    );
    const groups = form === 'full' ? [records] : records.map((record) => [record]);
    return this.transactions.sendAndCommit(
      partition,
      groups.map((messages) => ({ topic: this.target.deadLetterTopic, messages })),
      nextOffset,
    );
  }

  /** After every (re)join: fences the previous owners of the assigned partitions at once. */
  reassigned(partitions: readonly number[]): void {
    this.transactions.reassigned(partitions);
  }

  close(): Promise<void> {
    return this.transactions.close();
  }
}
