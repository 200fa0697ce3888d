// How far each consumer group is behind the detections topic (end offset minus
// committed offset, summed over partitions): the demo waits for 0 before it
// runs the batch, so the batch sees every landed event.

import type { Config } from '../../common/config';
import { withKafkaAdmin } from '../../common/kafka';

export async function groupLag(config: Config, groupIds: readonly string[]): Promise<Map<string, number>> {
  const topic = config.kafka.detectionsTopic;
  return withKafkaAdmin(config, { retries: 2 }, async (admin) => {
    const ends = await admin.fetchTopicOffsets(topic);
    const lag = new Map<string, number>();
    for (const groupId of groupIds) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      // No commit yet is -1: the whole partition is still to do.
      const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]));
      lag.set(groupId, ends.reduce((sum, e) => sum + Math.max(0, Number(e.high) - (done.get(e.partition) ?? 0)), 0));
    }
    return lag;
  });
}
