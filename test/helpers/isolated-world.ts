// One test's private corner of the real stack: a random HBase namespace, topic
// names and HDFS root, created with ops/setup and removed afterwards, so tests
// never see each other's data.

import type { Config } from '../../common/config';
import { withKafkaAdmin } from '../../common/kafka';
import { createHdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import { retry } from '../../common/retry';
import { runSetup } from '../../ops/setup';
import { createHBaseAdmin } from '../../ops/stack/hbase-admin-tool';
import { stackLayout } from '../../ops/stack/stack-layout';
import { randomName } from './random-name';

/** The environment of an isolated world; `id` is safe in HBase, Kafka and HDFS names. */
export function isolatedEnv(prefix: string, settings: NodeJS.ProcessEnv = {}): { id: string; env: NodeJS.ProcessEnv } {
  const id = randomName(prefix).replace(/-/g, '_');
  return {
    id,
    env: {
      ...process.env,
      HBASE_NAMESPACE: `test_${id}`,
      KAFKA_DETECTIONS_TOPIC: `test.${id}.detections`,
      KAFKA_DEAD_LETTER_TOPIC: `test.${id}.dead-letter`,
      HDFS_ROOT: `/tmp-tests/${id}`,
      // No fixed /metrics ports: tests run several layers at once.
      SPEED_METRICS_PORT: '0',
      LANDING_METRICS_PORT: '0',
      BATCH_METRICS_PORT: '0',
      ...settings,
    },
  };
}

/** Creates the world's topics, tables and folders; retried, as another test may be restarting a service. */
export async function createIsolatedStores(config: Config, log: Logger): Promise<void> {
  await retry(() => runSetup(config, log), { retries: 5, initialDelayMs: 2000 });
}

/** Deletes the world's tables, namespace, topics and HDFS root. */
export async function removeIsolatedStores(config: Config, log: Logger): Promise<void> {
  const admin = await createHBaseAdmin(stackLayout(config.home), config, log);
  await admin.deleteTables((await admin.listTables(config.hbase.namespace)).map(String));
  await admin.runOrThrow([{ op: 'deleteNamespace', namespace: config.hbase.namespace }]);
  await withKafkaAdmin(config, {}, (kafka) =>
    kafka.deleteTopics({ topics: [config.kafka.detectionsTopic, config.kafka.deadLetterTopic] }),
  ).catch(() => undefined);
  await createHdfsStore(config.hdfs)
    .delete(config.hdfs.root, { recursive: true })
    .catch(() => false);
}
