// `utopia setup`: everything the layers expect to exist, created idempotently
// on the configured Kafka, HBase and HDFS.

import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { setupHBase } from './setup-hbase';
import { setupHdfs } from './setup-hdfs';
import { setupKafka } from './setup-kafka';

export async function runSetup(config: Config, log: Logger): Promise<string[]> {
  const [kafka, hdfs, hbase] = await Promise.all([setupKafka(config, log), setupHdfs(config, log), setupHBase(config, log)]);
  return [...kafka, ...hbase, ...hdfs];
}
