// The speed layer's entry point builds its stores here and passes them down:
// one HBase store (its calls timed into the layer's metrics), one Kafka client
// for the consumer group, and the dead letters' transactional producers.
// Everything below takes them as interfaces, so unit tests hand in fakes.

import type { Kafka } from 'kafkajs';
import type { Config } from '../common/config';
import { HBaseStore, hbaseStoreOptions, type HBaseConnection } from '../common/hbase';
import { createKafka, type PartitionOutput } from '../common/kafka';
import type { Logger } from '../common/log';
import { hbaseCallMetrics } from '../common/metrics';
import { deadLetterTransactions } from './dead-letter-sender';
import type { SpeedMetrics } from './speed-metrics';

export interface SpeedDeps {
  readonly store: HBaseConnection;
  /** For the consumer group (a new consumer after kafkajs gives one up). */
  readonly kafka: Kafka;
  readonly deadLetterOutput: PartitionOutput;
}

/** An open transaction of a killed instance blocks read_committed readers until fenced or timed out. */
const DEAD_LETTER_TRANSACTION_TIMEOUT_MS = 15_000;

export function buildSpeedDeps(config: Config, log: Logger, metrics: SpeedMetrics): SpeedDeps {
  const store = new HBaseStore({
    ...hbaseStoreOptions(config, log.child('hbase')),
    readyTimeoutMs: 60_000,
    onCall: hbaseCallMetrics(metrics.registry),
  });
  const kafka = createKafka(config, { clientIdSuffix: 'speed', retries: 10, logger: log.child('kafka') });
  const deadLetterOutput = deadLetterTransactions(kafka, {
    deadLetterTopic: config.kafka.deadLetterTopic,
    sourceTopic: config.kafka.detectionsTopic,
    groupId: config.speed.groupId,
    transactionTimeoutMs: DEAD_LETTER_TRANSACTION_TIMEOUT_MS,
  });
  return { store, kafka, deadLetterOutput };
}
