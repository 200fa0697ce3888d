// The API's Prometheus registry (GET /metrics): the API's own figures
// (requests, latency, HBase calls, process and Node defaults), and, refreshed
// at each scrape, the state the other layers leave in the stores: the speed
// layer's quality counters, consumer lag per group from Kafka, the batch
// watermark and last run, the last reconciliation, HDFS capacity, and
// whether Kafka, HBase and HDFS answer. One failing store never fails the scrape: it reads as down.

import { Counter, Gauge, Histogram } from 'prom-client';
import type { Config } from '../../common/config';
import { QUALITY_COUNTERS } from '../../common/contract';
import { createMetricsRegistry, hbaseCallMetrics, type Registry, type RegistryOptions } from '../../common/metrics';
import type { HBaseCallObserver } from '../../common/hbase';
import type { AuditEntry } from '../http/audit-log';
import { readHdfsCapacity, type KafkaFigures, type MetaReader } from '../views';
import { batchRunFigures, RECONCILE_KINDS, reconcileFigures } from './meta-figures';

/** What a scrape reads; the ServingDeps fields of the same names. */
export interface ScrapeSources {
  readonly config: Config;
  readonly meta: MetaReader;
  readonly kafka: KafkaFigures;
}

const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class ServingMetrics {
  readonly registry: Registry;
  readonly hbaseCalls: HBaseCallObserver;
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'route'>;
  private readonly g: ReturnType<typeof storeGauges>;

  constructor(options: RegistryOptions = {}) {
    this.registry = createMetricsRegistry(options);
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'utopia_api_requests_total',
      help: 'API requests by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'utopia_api_request_duration_seconds',
      help: 'API request latency by route pattern (target: p99 under 50 ms).',
      labelNames: ['route'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    this.hbaseCalls = hbaseCallMetrics(this.registry);
    this.g = storeGauges(this.registry);
  }

  /** An audited request (the audit middleware's sink). */
  record(entry: Pick<AuditEntry, 'method' | 'route' | 'status' | 'durationMs'>): void {
    this.requests.inc({ method: entry.method, route: entry.route, status: String(entry.status) });
    this.latency.observe({ route: entry.route }, entry.durationMs / 1000);
  }

  /** Reads the stores and sets the gauges; then registry.metrics() renders everything. */
  async refresh(sources: ScrapeSources, nowMs = Date.now()): Promise<void> {
    const g = this.g;
    const [capacity, quality, speed, batch, reconciliation, kafka] = await Promise.all([
      readHdfsCapacity(sources.config.hdfs).catch(() => undefined),
      sources.meta.quality().catch(() => undefined),
      sources.meta.speedMetrics(nowMs).catch(() => undefined),
      sources.meta.batchState().catch(() => undefined),
      sources.meta.lastReconciliation().catch(() => undefined),
      sources.kafka.figures().catch(() => undefined),
    ]);
    g.up.set({ store: 'hdfs' }, capacity === undefined ? 0 : 1);
    if (capacity) {
      g.hdfsCapacity.set(capacity.capacityBytes);
      g.hdfsRemaining.set(capacity.remainingBytes);
    }
    g.up.set({ store: 'hbase' }, batch === undefined ? 0 : 1);
    g.up.set({ store: 'kafka' }, kafka === undefined ? 0 : 1);
    g.deadlineHour.set(sources.config.batch.deadlineHour);

    if (quality) {
      g.quality.reset();
      for (const outcome of QUALITY_COUNTERS) g.quality.inc({ outcome }, Number(quality.totals[outcome]));
    }
    if (speed) g.speedInstances.set(speed.length);
    if (kafka) {
      g.groupLag.reset();
      for (const group of kafka.lag)
        for (const [partition, lag] of Object.entries(group.byPartition)) g.groupLag.set({ group: group.group, partition }, lag);
      g.detectionsOffsets.reset();
      g.detectionsOffsets.inc(kafka.detectionsEndOffset);
      g.deadLetterMessages.set(kafka.deadLetterMessages);
    }
    if (batch) {
      if (batch.watermark) g.watermark.set(Date.parse(`${batch.watermark}T00:00:00Z`) / 1000);
      const run = batchRunFigures(batch.lastRun);
      if (run) {
        if (run.finishedS !== undefined) g.lastRunFinished.set(run.finishedS);
        g.lastRunOk.set(run.ok ? 1 : 0);
        if (run.durationS !== undefined) g.lastRunDuration.set(run.durationS);
        g.lastRunDays.set(run.days);
        g.lastRunQuarantined.set(run.quarantinedFiles);
        for (const [phase, seconds] of Object.entries(run.phaseS)) g.lastRunPhase.set({ phase }, seconds);
      }
    }
    const recon = reconcileFigures(reconciliation);
    if (recon) {
      if (recon.dayS !== undefined) g.reconcileDay.set(recon.dayS);
      g.reconcileFound.reset();
      g.reconcileRepaired.reset();
      for (const kind of RECONCILE_KINDS) {
        const found = recon.found[kind];
        const repaired = recon.repaired[kind];
        if (found !== undefined) g.reconcileFound.set({ kind }, found);
        if (repaired !== undefined) g.reconcileRepaired.set({ kind }, repaired);
      }
    }
  }
}

function storeGauges(registry: Registry) {
  const registers = [registry];
  const gauge = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> =>
    new Gauge<L>({ name, help, labelNames, registers });
  return {
    up: gauge(
      'utopia_store_up',
      '1 when the store answered this scrape (kafka: offsets read; hbase: meta read; hdfs: GETSTATUS), else 0.',
      ['store'],
    ),
    hdfsCapacity: gauge('utopia_hdfs_capacity_bytes', 'Configured capacity of HDFS (WebHDFS GETSTATUS).'),
    hdfsRemaining: gauge('utopia_hdfs_remaining_bytes', 'Space HDFS has left for new blocks (WebHDFS GETSTATUS).'),
    quality: new Counter({
      name: 'utopia_quality_events_total',
      help: 'Speed-layer data-quality counters over every partition, from HBase meta: accepted, duplicates, dead_letters, late, unknown_location (late and unknown_location are also accepted).',
      labelNames: ['outcome'],
      registers,
    }),
    speedInstances: gauge('utopia_speed_instances', 'Speed-layer instances that published a snapshot in the last 30 s.'),
    groupLag: gauge(
      'utopia_kafka_group_lag_messages',
      'Messages behind the end of the detections topic per consumer group and partition, from the committed offsets.',
      ['group', 'partition'],
    ),
    detectionsOffsets: new Counter({
      name: 'utopia_kafka_detections_offsets_total',
      help: 'End offsets of the detections topic summed over partitions: messages Kafka has accepted (plus any transaction markers).',
      registers,
    }),
    deadLetterMessages: gauge(
      'utopia_kafka_dead_letter_messages',
      'Messages the dead-letter topic holds (end minus start offsets, transaction markers included).',
    ),
    watermark: gauge(
      'utopia_batch_watermark_timestamp_seconds',
      'Start (epoch seconds) of the last day the batch view serves: the last day the batch completed.',
    ),
    deadlineHour: gauge('utopia_batch_deadline_hour', 'BATCH_DEADLINE_HOUR: hour (UTC) by which yesterday must be in the batch view.'),
    lastRunFinished: gauge(
      'utopia_batch_last_run_finished_timestamp_seconds',
      'When the last batch run that completed finished (epoch seconds).',
    ),
    lastRunOk: gauge('utopia_batch_last_run_ok', '1 when the last completed batch run had no quarantined landing file, else 0.'),
    lastRunDuration: gauge('utopia_batch_last_run_duration_seconds', 'Duration of the last completed batch run.'),
    lastRunDays: gauge('utopia_batch_last_run_days', 'Days the last completed batch run compacted.'),
    lastRunQuarantined: gauge('utopia_batch_last_run_quarantined_files', 'Landing files the last batch run quarantined.'),
    lastRunPhase: gauge('utopia_batch_last_run_phase_seconds', 'Time the last batch run spent per phase, summed over its days.', ['phase']),
    reconcileDay: gauge('utopia_reconcile_last_day_timestamp_seconds', 'Start (epoch seconds) of the day the last reconciliation checked.'),
    reconcileFound: gauge(
      'utopia_reconcile_differences',
      'Differences between HBase and the warehouse the last reconciliation found, by kind (missing_rows, hbase_only_rows, drifted_counts).',
      ['kind'],
    ),
    reconcileRepaired: gauge(
      'utopia_reconcile_repaired',
      'Differences the last reconciliation repaired, by kind (hbase_only_rows are reported, never repaired).',
      ['kind'],
    ),
  };
}
