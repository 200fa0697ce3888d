// The landing writer's Prometheus metrics (exposed by `utopia landing` on
// LANDING_METRICS_PORT): files and rows landed, flush latency and failures,
// and its consumer lag, where "consumed" means landed in HDFS (buffered
// messages still count as lag: they are lost to nobody, but not landed yet).

import { Counter, Histogram } from 'prom-client';
import { ConsumerLagMetrics, createMetricsRegistry, type Registry, type RegistryOptions } from '../../common/metrics';

export class LandingMetrics {
  readonly registry: Registry;
  readonly lag: ConsumerLagMetrics;
  readonly files: Counter;
  readonly rows: Counter;
  readonly flushSeconds: Histogram;
  readonly flushFailures: Counter;

  constructor(group: string, options: RegistryOptions & { readonly now?: () => number } = {}) {
    this.registry = createMetricsRegistry(options);
    const registers = [this.registry];
    this.lag = new ConsumerLagMetrics(this.registry, group, options.now);
    this.files = new Counter({ name: 'utopia_landing_files_total', help: 'Parquet files the landing writer wrote to HDFS.', registers });
    this.rows = new Counter({
      name: 'utopia_landing_rows_total',
      help: 'Valid rows the landing writer wrote to HDFS (invalid messages are counted by the batch).',
      registers,
    });
    this.flushSeconds = new Histogram({
      name: 'utopia_landing_flush_duration_seconds',
      help: 'Time to write, rename and commit one landing file.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.flushFailures = new Counter({
      name: 'utopia_landing_flush_failures_total',
      help: 'Landing flushes that failed (the partition is re-read from HDFS).',
      registers,
    });
  }
}
