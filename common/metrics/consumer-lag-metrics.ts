// Consumer lag of one consumer group as seen by the process consuming it, per
// partition: in messages (the partition's high watermark minus the next offset
// to process, at the last batch) and in seconds (the age of the oldest event
// not yet processed, computed at scrape time, so a stalled consumer's lag
// keeps growing). When the next message is not fetched yet its age is taken
// from the newest processed one (an upper bound); a caught-up partition is 0.

import { Gauge, type Registry } from 'prom-client';

interface PartitionLag {
  messages: number;
  /** Kafka timestamp (ms) of the oldest unprocessed event, or undefined when caught up. */
  oldestMs: number | undefined;
}

export class ConsumerLagMetrics {
  private readonly partitions = new Map<number, PartitionLag>();

  constructor(
    registry: Registry,
    private readonly group: string,
    private readonly now: () => number = Date.now,
  ) {
    const lag = this.partitions;
    const labels = (partition: number): { group: string; partition: string } => ({ group, partition: String(partition) });
    new Gauge({
      name: 'utopia_consumer_lag_messages',
      help: 'Messages of a partition behind its high watermark, as the consuming process saw at its last batch.',
      labelNames: ['group', 'partition'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [partition, state] of lag) this.set(labels(partition), state.messages);
      },
    });
    const clock = this.now;
    new Gauge({
      name: 'utopia_consumer_lag_seconds',
      help: 'Age of the oldest event of a partition not yet processed (0 when caught up).',
      labelNames: ['group', 'partition'] as const,
      registers: [registry],
      collect() {
        this.reset();
        const now = clock();
        for (const [partition, state] of lag)
          this.set(labels(partition), state.oldestMs === undefined ? 0 : Math.max(0, now - state.oldestMs) / 1000);
      },
    });
  }

  /** Processing of a chunk starts: its first message is the oldest unprocessed one. */
  started(partition: number, firstTimestampMs: number): void {
    const state = this.partitions.get(partition) ?? { messages: 0, oldestMs: undefined };
    state.oldestMs = Number.isFinite(firstTimestampMs) ? firstTimestampMs : state.oldestMs;
    this.partitions.set(partition, state);
  }

  /** A chunk is done: `behind` messages remain; `lastTimestampMs` is the newest processed event. */
  done(partition: number, behind: number, lastTimestampMs: number): void {
    this.partitions.set(partition, {
      messages: behind,
      oldestMs: behind > 0 && Number.isFinite(lastTimestampMs) ? lastTimestampMs : undefined,
    });
  }

  /** Both figures at once, for a consumer that tracks its oldest unfinished event itself (the landing writer's buffer). */
  set(partition: number, behind: number, oldestMs: number | undefined): void {
    this.partitions.set(partition, {
      messages: behind,
      oldestMs: oldestMs !== undefined && Number.isFinite(oldestMs) ? oldestMs : undefined,
    });
  }

  /** After a rebalance: the partitions this process reads may have changed. */
  forget(): void {
    this.partitions.clear();
  }

  lagMessages(): ReadonlyMap<number, number> {
    return new Map([...this.partitions].map(([p, s]) => [p, s.messages]));
  }

  get consumerGroup(): string {
    return this.group;
  }
}
