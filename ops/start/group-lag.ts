// How far each consumer group is behind the detections topic (end offset minus
// committed offset, summed over partitions): the demo waits for 0 before it
// runs the batch, so the batch sees every landed event; tests and benches wait
// for the speed layer the same way.

import type { Config } from '../../common/config';
import { committedOffsets, withKafkaAdmin } from '../../common/kafka';

export async function groupLag(config: Config, groupIds: readonly string[]): Promise<Map<string, number>> {
  const topic = config.kafka.detectionsTopic;
  return withKafkaAdmin(config, { retries: 2 }, async (admin) => {
    const ends = await admin.fetchTopicOffsets(topic);
    const lag = new Map<string, number>();
    for (const groupId of groupIds) {
      // A partition without a commit is still to do whole.
      const done = await committedOffsets(admin, groupId, topic);
      lag.set(
        groupId,
        ends.reduce((sum, e) => sum + Math.max(0, Number(BigInt(e.high) - (done.get(e.partition) ?? 0n))), 0),
      );
    }
    return lag;
  });
}
