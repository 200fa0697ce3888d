// The narrow contract of a plain (non-transactional) Kafka producer as the HTTP
// ingest uses it: one sendBatch per request, answered once the brokers have the
// records. A kafkajs Producer satisfies it; test/fakes/memory-producer.ts keeps
// what it was sent.

import type { ProducerBatch, RecordMetadata } from 'kafkajs';

export interface RecordProducer {
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
}
