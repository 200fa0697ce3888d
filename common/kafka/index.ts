export { committedOffsets } from './committed-offsets';
export { createKafka, withKafkaAdmin, type KafkaClientOptions } from './kafka-client';
export { waitForKafkaReady, type KafkaReadinessOptions } from './kafka-readiness';
