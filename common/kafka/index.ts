export { committedOffsets } from './committed-offsets';
export { createKafka, withKafkaAdmin, type KafkaClientOptions } from './kafka-client';
export { PartitionTransactions, type PartitionTransactionsTarget, type TopicRecords } from './partition-transactions';
export { kafkaFailure, type KafkaFailure } from './kafka-failure';
export { waitForKafkaReady, type KafkaReadinessOptions } from './kafka-readiness';
