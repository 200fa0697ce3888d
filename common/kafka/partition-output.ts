// The narrow contract of a consume-transform-produce stage's output: per source
// partition, claim it (fence earlier owners, read the committed offset), then
// write records and the consumed offset in one transaction. PartitionTransactions
// implements it over kafkajs; test/fakes/memory-producer.ts in memory.

import type { Message } from 'kafkajs';

export interface TopicRecords {
  readonly topic: string;
  readonly messages: readonly Message[];
}

export interface PartitionOutput {
  /** Fences the partition's earlier owners, then returns the group's committed offset for it (undefined if none). */
  claim(partition: number): Promise<bigint | undefined>;
  /** The records (one send per entry, in order) and the consumer offset `nextOffset`, committed together or not at all. */
  sendAndCommit(partition: number, records: readonly TopicRecords[], nextOffset: string): Promise<void>;
  /** After every (re)join: fence the previous owners of these partitions at once. */
  reassigned(partitions: readonly number[]): void;
  close(): Promise<void>;
}
