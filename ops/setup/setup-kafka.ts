// Creates the project's Kafka topics if missing. An existing topic is left as
// it is: adding partitions would move keys to other partitions and break the
// one-oid-one-partition rule the speed layer's dedup relies on.

import type { Config } from '../../common/config';
import { kafkaTopics } from '../../common/contract';
import { withKafkaAdmin } from '../../common/kafka';
import type { Logger } from '../../common/log';

export async function setupKafka(config: Config, log: Logger): Promise<string[]> {
  const specs = kafkaTopics(config);
  return withKafkaAdmin(config, {}, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) });
    return specs.map((spec) => {
      const partitions = metadata.topics.find((t) => t.name === spec.name)?.partitions.length ?? 0;
      const state = missing.includes(spec) ? 'created' : 'exists';
      if (partitions !== spec.partitions)
        log.warn(`topic ${spec.name} has ${partitions} partitions, the configuration asks for ${spec.partitions}; left unchanged`);
      return `kafka topic ${spec.name}: ${state}, ${partitions} partitions`;
    });
  });
}
