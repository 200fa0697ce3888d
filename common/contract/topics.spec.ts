import { expect } from 'chai';
import { DEAD_LETTER_RETENTION_MS, DETECTIONS_RETENTION_MS, kafkaTopics } from './topics';

const kafka = {
  brokers: ['b:9092'],
  clientId: 'c',
  detectionsTopic: 'utopia.detections',
  deadLetterTopic: 'utopia.detections.dead-letter',
  partitions: 12,
  replicationFactor: 3,
};

describe('kafkaTopics', () => {
  it('derives the detections and dead-letter topics from the config', () => {
    const [detections, deadLetter, ...rest] = kafkaTopics({ kafka });
    expect(rest).to.deep.equal([]);
    expect(detections).to.deep.include({ name: 'utopia.detections', partitions: 12, replicationFactor: 3 });
    expect(deadLetter).to.deep.include({ name: 'utopia.detections.dead-letter', partitions: 3, replicationFactor: 3 });
    expect(detections?.config['retention.ms']).to.equal(String(DETECTIONS_RETENTION_MS));
    expect(deadLetter?.config['retention.ms']).to.equal(String(DEAD_LETTER_RETENTION_MS));
    expect(DEAD_LETTER_RETENTION_MS).to.be.greaterThan(DETECTIONS_RETENTION_MS);
    expect(detections?.config['min.insync.replicas']).to.equal('2');
  });

  it('fits a single local broker and a topic with fewer partitions', () => {
    const [detections, deadLetter] = kafkaTopics({ kafka: { ...kafka, partitions: 2, replicationFactor: 1 } });
    expect(detections?.config['min.insync.replicas']).to.equal('1');
    expect(deadLetter?.partitions).to.equal(2);
  });
});
