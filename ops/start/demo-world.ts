// Empties the demo's own corner of the stores (namespace, topics, consumer
// groups, HDFS root; see demo-plan.ts) before a demo, so every demo starts
// from nothing. Nothing outside that corner is touched.

import type { Config } from '../../common/config';
import { withKafkaAdmin } from '../../common/kafka';
import { createHdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import { sleep } from '../../common/retry';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';

export async function wipeDemoWorld(config: Config, log: Logger): Promise<void> {
  const topics = [config.kafka.detectionsTopic, config.kafka.deadLetterTopic];
  await withKafkaAdmin(config, {}, async (admin) => {
    const existing = (await admin.listTopics()).filter((t) => topics.includes(t));
    await admin.deleteGroups([config.speed.groupId, config.landing.groupId]).catch(() => undefined);
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
    // Deletion is asynchronous: setup must not find a topic on its way out.
    for (let i = 0; i < 60 && (await admin.listTopics()).some((t) => topics.includes(t)); i++) await sleep(500);
  });
  const hbase = await createHBaseAdmin(stackLayout(config.home), config, log);
  const tables = await hbase.listTables(config.hbase.namespace).catch(() => []);
  if (tables.length > 0) await hbase.deleteTables(tables.map(String));
  await hbase.run([{ op: 'deleteNamespace', namespace: config.hbase.namespace }]).catch(() => undefined);
  await createHdfsStore(config.hdfs)
    .delete(config.hdfs.root, { recursive: true })
    .catch(() => false);
  log.info(`demo: emptied HBase namespace ${config.hbase.namespace}, topics ${topics.join(', ')}, HDFS ${config.hdfs.root}`);
}
