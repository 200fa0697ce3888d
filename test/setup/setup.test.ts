// `utopia setup` against the real stack, in a random namespace, topic names and
// HDFS root: everything is created on the first run and left alone on the second.

import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { createHdfsStore } from '../../common/hdfs';
import { withKafkaAdmin } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { createHBaseAdmin } from '../../ops/stack/hbase-admin-tool';
import { stackLayout } from '../../ops/stack/stack-layout';
import { isolatedEnv, removeIsolatedStores } from '../helpers/isolated-world';
import { runCli } from '../helpers/run-cli';

describe('utopia setup', function () {
  this.timeout(3 * 60_000);
  const { env } = isolatedEnv('setup', { HBASE_REGIONS: '4', KAFKA_PARTITIONS: '6' });
  const config = loadConfig(env);

  after(() => removeIsolatedStores(config, createLogger('test', 'warn')));

  it('creates topics, pre-split tables and folders, then reports them as existing', async () => {
    const first = await runCli(['setup'], env);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.include(`kafka topic ${config.kafka.detectionsTopic}: created, 6 partitions`);
    expect(first.stdout).to.include(`hbase table ${config.hbase.namespace}:detections: created`);

    const admin = await createHBaseAdmin(stackLayout(config.home), config, createLogger('test', 'warn'));
    const regions = await admin.regions(`${config.hbase.namespace}:detections`);
    expect(regions).to.have.length(4);
    const tables = (await admin.listTables(config.hbase.namespace)).map(String).sort();
    expect(tables).to.include.members([
      `${config.hbase.namespace}:detections`,
      `${config.hbase.namespace}:live_counts`,
      `${config.hbase.namespace}:meta`,
    ]);

    const metadata = await withKafkaAdmin(config, {}, (kafka) =>
      kafka.fetchTopicMetadata({ topics: [config.kafka.detectionsTopic, config.kafka.deadLetterTopic] }),
    );
    expect(metadata.topics.map((t) => t.partitions.length).sort()).to.deep.equal([3, 6]);

    const hdfs = createHdfsStore(config.hdfs);
    const folders = (await hdfs.list(config.hdfs.root)).map((e) => e.name).sort();
    expect(folders).to.deep.equal(['landing', 'locks', 'quarantine', 'reference', 'reports', 'tmp', 'views', 'warehouse']);

    const second = await runCli(['setup'], env);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.include(`kafka topic ${config.kafka.detectionsTopic}: exists, 6 partitions`);
    expect(second.stdout).to.include(`hbase table ${config.hbase.namespace}:detections: exists`);
    expect(second.stdout).not.to.include('created');
  });
});
