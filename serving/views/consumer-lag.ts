// Consumer lag of every group that reads the detections topic (the speed
// layer, the landing writer, ...): the topic's end offset minus the group's
// committed offset, per partition. One long-lived admin client, reconnected
// after a failure; answers are reused for a second so /metrics, the dashboard
// and /quality do not each ask Kafka.

import type { Admin } from 'kafkajs';
import type { Config } from '../../common/config';
import { createKafka } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { LruCache, cachedPromise } from '../cache/lru-cache';

export interface GroupLag {
  readonly group: string;
  readonly total: number;
  readonly byPartition: Readonly<Record<string, number>>;
}

export interface TopicFigures {
  readonly lag: readonly GroupLag[];
  /** Messages held by the dead-letter topic (end minus start offsets): every rejected event ever kept. */
  readonly deadLetterMessages: number;
  /** End offsets of the detections topic summed: every event ever accepted by Kafka. */
  readonly detectionsEndOffset: number;
}

export interface KafkaFigures {
  figures(): Promise<TopicFigures>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class KafkaAdminFigures implements KafkaFigures {
  private admin: Promise<Admin> | undefined;
  private readonly cache = new LruCache<Promise<TopicFigures>>(1);

  constructor(
    private readonly config: Config,
    private readonly ttlMs = 1_000,
  ) {}

  figures(): Promise<TopicFigures> {
    return cachedPromise(this.cache, 'figures', this.ttlMs, () => this.withAdmin((admin) => this.read(admin)));
  }

  async ping(): Promise<void> {
    await this.withAdmin((admin) => admin.describeCluster());
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.disconnect().catch(() => undefined);
  }

  private async read(admin: Admin): Promise<TopicFigures> {
    const { detectionsTopic, deadLetterTopic } = this.config.kafka;
    const [ends, deadLetters, groups] = await Promise.all([
      admin.fetchTopicOffsets(detectionsTopic),
      admin.fetchTopicOffsets(deadLetterTopic).catch(() => []),
      admin.listGroups(),
    ]);
    const end = new Map(ends.map((p) => [p.partition, Number(p.high)]));
    const lag: GroupLag[] = [];
    for (const { groupId } of groups.groups) {
      const committed = await admin.fetchOffsets({ groupId, topics: [detectionsTopic] });
      const partitions = committed.flatMap((t) => t.partitions);
      if (!partitions.some((p) => Number(p.offset) >= 0)) continue; // the group does not read this topic
      const byPartition: Record<string, number> = {};
      for (const p of partitions)
        byPartition[String(p.partition)] = Math.max(0, (end.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
      lag.push({ group: groupId, total: Object.values(byPartition).reduce((a, b) => a + b, 0), byPartition });
    }
    lag.sort((a, b) => (a.group < b.group ? -1 : 1));
    return {
      lag,
      deadLetterMessages: deadLetters.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0),
      detectionsEndOffset: ends.reduce((sum, p) => sum + Number(p.high), 0),
    };
  }

  private async withAdmin<T>(body: (admin: Admin) => Promise<T>): Promise<T> {
    this.admin ??= (async () => {
      const admin = createKafka(this.config, {
        retries: 1,
        connectionTimeoutMs: 2_000,
        clientIdSuffix: 'serving',
        logger: createLogger('kafkajs', 'error', () => undefined),
      }).admin();
      await admin.connect();
      return admin;
    })();
    try {
      return await body(await this.admin);
    } catch (error) {
      await this.close(); // reconnect on the next call
      throw error;
    }
  }
}
