// The Kafka topics `setup` creates, derived from the configuration.

import type { Config } from '../config';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level configs, as kafkajs createTopics configEntries expects them. */
  readonly config: Readonly<Record<string, string>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Detections: a week, so the landing writer and the speed layer can catch up after a long outage. */
export const DETECTIONS_RETENTION_MS = 7 * DAY_MS;
/** Dead letters: a month, time for someone to read, fix and replay them; the volume is small. */
export const DEAD_LETTER_RETENTION_MS = 30 * DAY_MS;
/** Dead letters are few: 3 partitions are plenty, never more than the detections topic has. */
export const DEAD_LETTER_PARTITIONS = 3;

export function kafkaTopics(config: Pick<Config, 'kafka'>): TopicSpec[] {
  const { detectionsTopic, deadLetterTopic, partitions, replicationFactor } = config.kafka;
  // With 3 replicas a write survives one broker loss; on one broker (local) it must be 1.
  const minInsync = String(Math.max(1, Math.min(2, replicationFactor - 1)));
  return [
    {
      name: detectionsTopic,
      partitions,
      replicationFactor,
      config: { 'cleanup.policy': 'delete', 'retention.ms': String(DETECTIONS_RETENTION_MS), 'min.insync.replicas': minInsync },
    },
    {
      name: deadLetterTopic,
      partitions: Math.min(DEAD_LETTER_PARTITIONS, partitions),
      replicationFactor,
      config: { 'cleanup.policy': 'delete', 'retention.ms': String(DEAD_LETTER_RETENTION_MS), 'min.insync.replicas': minInsync },
    },
  ];
}
