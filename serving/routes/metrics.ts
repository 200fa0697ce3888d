// GET /metrics: Prometheus text. Consumer lag, throughput, quality counters
// and duplicate rate, dead letters, the watermark, the numeric figures of the
// last batch run (durations) and reconciliation, and the API's own figures.

import { Router } from 'express';
import type { ServingDeps } from '../deps';
import { numericLeaves, renderMetrics, type Metric } from '../metrics/prometheus-text';
import { readQuery } from '../params/query-params';
import { qualitySnapshot } from './quality';

export function metricsRoutes(deps: ServingDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    readQuery(req.query, []);
    const q = await qualitySnapshot(deps);
    const watermarkS = q.watermark ? Date.parse(`${q.watermark}T00:00:00Z`) / 1000 : NaN;
    const metrics: Metric[] = [
      { name: 'utopia_quality_events_total', help: 'Speed layer data-quality counters summed over partitions (accepted, duplicates, dead_letters, late, unknown_location).', type: 'counter', samples: Object.entries(q.counters).map(([counter, value]) => ({ labels: { counter }, value: Number(value) })) },
      { name: 'utopia_duplicate_rate', help: 'Duplicates dropped / (accepted + duplicates).', type: 'gauge', samples: [{ value: q.duplicateRate ?? 0 }] },
      { name: 'utopia_speed_events_per_second', help: 'Throughput each live speed-layer instance reports.', type: 'gauge', samples: q.speedInstances.map((s) => ({ labels: { instance: s.instance }, value: s.eventsPerSecond })) },
      { name: 'utopia_consumer_lag', help: 'Messages behind the end of the detections topic, per consumer group.', type: 'gauge', samples: (q.consumerLag ?? []).map((g) => ({ labels: { group: g.group }, value: g.total })) },
      { name: 'utopia_consumer_lag_partition', help: 'Consumer lag per group and partition.', type: 'gauge', samples: (q.consumerLag ?? []).flatMap((g) => Object.entries(g.byPartition).map(([partition, value]) => ({ labels: { group: g.group, partition }, value }))) },
      { name: 'utopia_dead_letter_topic_messages', help: 'Messages held by the dead-letter topic.', type: 'gauge', samples: q.deadLetterTopicMessages === null ? [] : [{ value: q.deadLetterTopicMessages }] },
      { name: 'utopia_kafka_up', help: '1 when Kafka answered the last lag query.', type: 'gauge', samples: [{ value: q.kafkaError === null ? 1 : 0 }] },
      { name: 'utopia_batch_watermark_seconds', help: 'Start of the last day served by the batch view (epoch seconds).', type: 'gauge', samples: Number.isNaN(watermarkS) ? [] : [{ value: watermarkS }] },
      { name: 'utopia_batch_last_run', help: 'Numeric figures of the last nightly run (durations, rows), by field.', type: 'gauge', samples: numericLeaves(q.lastBatchRun).map(([field, value]) => ({ labels: { field }, value })) },
      { name: 'utopia_reconciliation_last', help: 'Numeric figures of the last reconciliation, by field.', type: 'gauge', samples: numericLeaves(q.lastReconciliation).map(([field, value]) => ({ labels: { field }, value })) },
      ...deps.metrics.metrics(),
    ];
    res.status(200).type('text/plain; version=0.0.4; charset=utf-8').send(renderMetrics(metrics));
  });
  return router;
}
