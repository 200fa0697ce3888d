export { committedOffsets } from './committed-offsets';
export { createKafka, withKafkaAdmin, type KafkaClientOptions } from './kafka-client';
export { kafkaFailure, type KafkaFailure } from './kafka-failure';
