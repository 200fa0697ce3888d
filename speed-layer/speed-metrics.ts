// This instance's figures (throughput, batch latency, lag, RSS), published as a
// SpeedMetricsSnapshot in meta "speed/metrics" for the serving layer's /metrics.

import { FAMILIES, META_ROWS, type SpeedMetricsSnapshot } from '../common/contract';
import type { HBaseStore } from '../common/hbase';
import { LatencyWindow } from './latency-window';

export class SpeedMetrics {
  private readonly latency = new LatencyWindow();
  private readonly lag = new Map<number, number>();
  private eventsSinceSnapshot = 0;
  private lastSnapshotAt = Date.now();
  totalEvents = 0;
  /** Events isolated as poison and dead-lettered as processing_failed. */
  poisonEvents = 0;
  /** Corrupt counter cells moved to meta row quarantine/cells. */
  quarantinedCells = 0;
  /** Dead letters sent shrunk because the dead-letter topic refused them as too large. */
  shrunkDeadLetters = 0;

  constructor(readonly instance: string) {}

  recordBatch(partition: number, events: number, durationMs: number, lag: number): void {
    this.latency.add(durationMs);
    this.lag.set(partition, lag);
    this.eventsSinceSnapshot += events;
    this.totalEvents += events;
  }

  forgetPartitions(): void {
    this.lag.clear();
  }

  snapshot(now = Date.now()): SpeedMetricsSnapshot {
    const seconds = Math.max(0.001, (now - this.lastSnapshotAt) / 1000);
    const snapshot: SpeedMetricsSnapshot = {
      instance: this.instance,
      updatedAt: now,
      eventsPerSecond: Math.round(this.eventsSinceSnapshot / seconds),
      batchLatencyMs: { p50: this.latency.percentile(50), p99: this.latency.percentile(99) },
      lagByPartition: Object.fromEntries([...this.lag].sort(([a], [b]) => a - b).map(([p, lag]) => [String(p), lag])),
      rssBytes: process.memoryUsage.rss(),
      poisonEvents: this.poisonEvents,
      quarantinedCells: this.quarantinedCells,
      shrunkDeadLetters: this.shrunkDeadLetters,
    };
    this.eventsSinceSnapshot = 0;
    this.lastSnapshotAt = now;
    return snapshot;
  }
}

export async function publishSnapshot(store: HBaseStore, metaTable: string, snapshot: SpeedMetricsSnapshot): Promise<void> {
  await store.put(metaTable, {
    row: Buffer.from(META_ROWS.speedMetrics, 'utf8'),
    cells: [{ family: FAMILIES.meta, qualifier: snapshot.instance, value: Buffer.from(JSON.stringify(snapshot), 'utf8'), timestamp: snapshot.updatedAt }],
  });
}
