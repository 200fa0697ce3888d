import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { QUALITY_COUNTERS, type QualityCounter, type SpeedMetricsSnapshot } from '../../common/contract';
import type { BatchState, KafkaFigures, MetaReader, QualityCounts, TopicFigures } from '../views';
import { ServingMetrics } from './serving-metrics';

/** Meta as the other layers leave it; `down` makes every read fail like an unreachable HBase. */
class FakeMeta implements MetaReader {
  down = false;
  constructor(
    private readonly totals: Partial<Record<QualityCounter, bigint>>,
    private readonly lastRun: unknown,
    private readonly reconciliation: unknown,
  ) {}
  private check(): void {
    if (this.down) throw new Error('HBase unreachable');
  }
  async batchState(): Promise<BatchState> {
    this.check();
    return { watermark: '2026-11-20', generation: 'g', lastRun: this.lastRun };
  }
  async quality(): Promise<QualityCounts> {
    this.check();
    return {
      totals: Object.fromEntries(QUALITY_COUNTERS.map((c) => [c, this.totals[c] ?? 0n])) as Record<QualityCounter, bigint>,
      byPartition: new Map(),
    };
  }
  async speedMetrics(): Promise<SpeedMetricsSnapshot[]> {
    this.check();
    return [{ instance: 'a', updatedAt: 1, eventsPerSecond: 1, batchLatencyMs: { p50: 1, p99: 1 }, lagByPartition: {}, rssBytes: 1 }];
  }
  async lastReconciliation(): Promise<unknown> {
    this.check();
    return this.reconciliation;
  }
}

class FakeKafka implements KafkaFigures {
  down = false;
  async figures(): Promise<TopicFigures> {
    if (this.down) throw new Error('no broker');
    return {
      lag: [{ group: 'utopia-speed', total: 5, byPartition: { '0': 2, '1': 3 } }],
      deadLetterMessages: 4,
      detectionsEndOffset: 1000,
    };
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

describe('serving metrics', () => {
  // Nothing listens on port 1: HDFS reads as down without waiting.
  const config = loadConfig({ HDFS_WEBHDFS_URL: 'http://127.0.0.1:1', BATCH_DEADLINE_HOUR: '7' });
  const reconciliation = {
    day: '2026-11-20',
    detectionRows: { repaired: 2, repairedOids: ['9223372036854775807'], hbaseOnly: 1, hbaseOnlyOids: ['9007199254740993'], masked: 0 },
    liveCounts: { cellsCorrected: 0 },
  };

  it("exports the stores' state at each scrape, and a store that fails reads as down without failing the scrape", async () => {
    const meta = new FakeMeta(
      { accepted: 900n, duplicates: 50n, dead_letters: 7n },
      { status: 'ok', finishedAt: '2026-11-21T02:00:00Z', durationMs: 1500, days: [] },
      reconciliation,
    );
    const kafka = new FakeKafka();
    const metrics = new ServingMetrics({ defaultMetrics: false });
    await metrics.refresh({ config, meta, kafka });
    let text = await metrics.registry.metrics();
    expect(text).to.include('utopia_quality_events_total{outcome="accepted"} 900');
    expect(text).to.include('utopia_kafka_group_lag_messages{group="utopia-speed",partition="1"} 3');
    expect(text).to.include('utopia_kafka_detections_offsets_total 1000');
    expect(text).to.include(`utopia_batch_watermark_timestamp_seconds ${Date.parse('2026-11-20T00:00:00Z') / 1000}`);
    expect(text).to.include('utopia_batch_deadline_hour 7');
    expect(text).to.include('utopia_reconcile_differences{kind="hbase_only_rows"} 1');
    expect(text).to.include('utopia_store_up{store="kafka"} 1');
    expect(text).to.include('utopia_store_up{store="hdfs"} 0');
    expect(text).not.to.match(/9223372036854775807|9223372036854776000|9007199254740993|9007199254740992/);

    meta.down = true;
    kafka.down = true;
    await metrics.refresh({ config, meta, kafka });
    text = await metrics.registry.metrics();
    expect(text).to.include('utopia_store_up{store="hbase"} 0');
    expect(text).to.include('utopia_store_up{store="kafka"} 0');
  });

  it('counts requests and their latency by route pattern; registries of two apps stay apart', async () => {
    const a = new ServingMetrics({ defaultMetrics: false });
    const b = new ServingMetrics({ defaultMetrics: false });
    a.record({ method: 'GET', route: '/api/v1/counts', status: 200, durationMs: 30 });
    const text = await a.registry.metrics();
    expect(text).to.include('utopia_api_requests_total{method="GET",route="/api/v1/counts",status="200"} 1');
    expect(text).to.include('utopia_api_request_duration_seconds_bucket{le="0.05",route="/api/v1/counts"} 1');
    expect(text).to.include('utopia_api_request_duration_seconds_bucket{le="0.025",route="/api/v1/counts"} 0');
    expect(await b.registry.metrics()).not.to.include('route="/api/v1/counts"');
  });
});
