// This instance's figures, two ways:
// - Prometheus metrics in its own registry (exposed by `utopia speed` on
//   SPEED_METRICS_PORT): messages by outcome, dead letters by reason, chunk
//   latency, consumer lag in messages and seconds, HBase call latency, and
//   the default process/Node metrics;
// - a SpeedMetricsSnapshot (throughput, batch latency, lag, RSS) published in
//   meta "speed/metrics" for the API's /quality and the dashboard.

import { Counter, Histogram } from 'prom-client';
import {
  FAMILIES,
  META_ROWS,
  QUALITY_COUNTERS,
  REJECT_REASONS,
  type QualityCounter,
  type RejectReason,
  type SpeedMetricsSnapshot,
} from '../common/contract';
import type { HBaseTables } from '../common/hbase';
import { ConsumerLagMetrics, createMetricsRegistry, type Registry, type RegistryOptions } from '../common/metrics';
import type { CounterTally } from './counter-store';
import { LatencyWindow } from './latency-window';

const CHUNK_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class SpeedMetrics {
  readonly registry: Registry;
  readonly lag: ConsumerLagMetrics;
  /** Messages processed, by outcome (accepted, duplicates, dead_letters, late, unknown_location). */
  readonly messages: Counter<'outcome'>;
  /** Dead letters sent, by reject reason. */
  readonly deadLetters: Counter<'reason'>;
  readonly chunkSeconds: Histogram;
  private readonly latency = new LatencyWindow();
  private eventsSinceSnapshot = 0;
  private lastSnapshotAt = Date.now();
  totalEvents = 0;
  /** Events isolated as poison and dead-lettered as processing_failed. */
  poisonEvents = 0;
  /** Corrupt counter cells moved to meta row quarantine/cells. */
  quarantinedCells = 0;
  /** Dead letters sent shrunk because the dead-letter topic refused them as too large. */
  shrunkDeadLetters = 0;

  constructor(
    readonly instance: string,
    group: string,
    options: RegistryOptions & { readonly now?: () => number } = {},
  ) {
    this.registry = createMetricsRegistry(options);
    const registers = [this.registry];
    this.lag = new ConsumerLagMetrics(this.registry, group, options.now);
    this.messages = new Counter({
      name: 'utopia_speed_messages_total',
      help: 'Messages this speed-layer instance processed, by outcome (late and unknown_location are also accepted).',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of QUALITY_COUNTERS) this.messages.inc({ outcome }, 0);
    this.deadLetters = new Counter({
      name: 'utopia_speed_dead_letters_total',
      help: 'Events this speed-layer instance sent to the dead-letter topic, by reason.',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of REJECT_REASONS) this.deadLetters.inc({ reason }, 0);
    this.chunkSeconds = new Histogram({
      name: 'utopia_speed_batch_duration_seconds',
      help: 'Time to process and commit one chunk of a Kafka batch (up to 1000 messages).',
      buckets: CHUNK_BUCKETS_S,
      registers,
    });
  }

  /** Exposes a counter store's tally, read at each scrape. */
  observeCounterCells(tally: CounterTally): void {
    const registers = [this.registry];
    new Counter({
      name: 'utopia_speed_counter_cells_total',
      help: 'Counter cells a chunk needed that the cache did not hold, by source: read from HBase, or known_empty without a read (beyond the partition count horizon).',
      labelNames: ['source'] as const,
      registers,
      collect() {
        this.reset();
        this.inc({ source: 'read' }, tally.read);
        this.inc({ source: 'known_empty' }, tally.knownEmpty);
      },
    });
    new Counter({
      name: 'utopia_speed_forgotten_cells_filter_resets_total',
      help: 'Times the filter of counter cells the cache forgot filled up; after each, the cells written so far are read again on their next touch.',
      registers,
      collect() {
        this.reset();
        this.inc(tally.forgottenResets);
      },
    });
  }

  /** A chunk of `partition` starts; its first message's Kafka timestamp. */
  chunkStarted(partition: number, firstTimestampMs: number): void {
    this.lag.started(partition, firstTimestampMs);
  }

  /** A chunk is committed: `lag` messages remain behind the high watermark; `lastTimestampMs` is its newest message. */
  recordBatch(partition: number, events: number, durationMs: number, lag: number, lastTimestampMs = Number.NaN): void {
    this.latency.add(durationMs);
    this.chunkSeconds.observe(durationMs / 1000);
    this.lag.done(partition, lag, lastTimestampMs);
    this.eventsSinceSnapshot += events;
    this.totalEvents += events;
  }

  recordOutcomes(
    figures: Readonly<Record<QualityCounter, number>>,
    deadLetters: readonly { readonly rejection: { readonly reason: RejectReason } }[],
  ): void {
    for (const outcome of QUALITY_COUNTERS) if (figures[outcome] > 0) this.messages.inc({ outcome }, figures[outcome]);
    for (const letter of deadLetters) this.deadLetters.inc({ reason: letter.rejection.reason });
  }

  forgetPartitions(): void {
    this.lag.forget();
  }

  snapshot(now = Date.now()): SpeedMetricsSnapshot {
    const seconds = Math.max(0.001, (now - this.lastSnapshotAt) / 1000);
    const snapshot: SpeedMetricsSnapshot = {
      instance: this.instance,
      updatedAt: now,
      eventsPerSecond: Math.round(this.eventsSinceSnapshot / seconds),
      batchLatencyMs: { p50: this.latency.percentile(50), p99: this.latency.percentile(99) },
      lagByPartition: Object.fromEntries([...this.lag.lagMessages()].sort(([a], [b]) => a - b).map(([p, lag]) => [String(p), lag])),
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

export async function publishSnapshot(store: HBaseTables, metaTable: string, snapshot: SpeedMetricsSnapshot): Promise<void> {
  await store.put(metaTable, {
    row: Buffer.from(META_ROWS.speedMetrics, 'utf8'),
    cells: [
      {
        family: FAMILIES.meta,
        qualifier: snapshot.instance,
        value: Buffer.from(JSON.stringify(snapshot), 'utf8'),
        timestamp: snapshot.updatedAt,
      },
    ],
  });
}
