export { createKafka, withKafkaAdmin, type KafkaClientOptions } from './kafka-client';
