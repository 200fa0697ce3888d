// A consumer group's committed offsets on one topic, as the next offset to read
// per partition. Kafka answers -1 for a partition without a commit; those are
// left out, so "nothing committed" has one spelling: absent.

import type { Admin } from 'kafkajs';

export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const [answer] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = new Map<number, bigint>();
  for (const { partition, offset } of answer?.partitions ?? []) if (BigInt(offset) >= 0n) committed.set(partition, BigInt(offset));
  return committed;
}
