export { committedOffsets } from './committed-offsets';
export { createKafka, withKafkaAdmin, type KafkaClientOptions } from './kafka-client';
export { PartitionTransactions, type PartitionTransactionsTarget } from './partition-transactions';
export type { PartitionOutput, TopicRecords } from './partition-output';
export type { RecordProducer } from './record-producer';
export { kafkaFailure, type KafkaFailure } from './kafka-failure';
export { waitForKafkaReady, type KafkaReadinessOptions } from './kafka-readiness';
