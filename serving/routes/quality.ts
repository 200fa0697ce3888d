// GET /api/v1/quality: duplicates dropped, dead letters, late events, unknown
// locations, consumer lag per group, throughput, the batch watermark and the
// last batch run and reconciliation. Also what the dashboard polls.

import { Router } from 'express';
import { errorMessage } from '../../common/errors';
import type { ServingDeps } from '../deps';
import { sendJson } from '../http/respond';
import { readQuery } from '../params/query-params';

export interface QualitySnapshot {
  readonly counters: Record<string, string>;
  readonly duplicateRate: number | null;
  readonly eventsPerSecond: number;
  readonly speedInstances: readonly { instance: string; eventsPerSecond: number; updatedAt: string; batchLatencyMs: unknown }[];
  readonly consumerLag: readonly { group: string; total: number; byPartition: Record<string, number> }[] | null;
  /** null when Kafka answered, else a code ("kafka_unavailable"); the error itself is logged only. */
  readonly kafkaError: string | null;
  readonly deadLetterTopicMessages: number | null;
  readonly watermark: string | null;
  readonly lastBatchRun: unknown;
  readonly lastReconciliation: unknown;
}

export async function qualitySnapshot(deps: ServingDeps): Promise<QualitySnapshot> {
  const now = Date.now();
  const [quality, speed, batch, reconciliation, kafka] = await Promise.all([
    deps.meta.quality(),
    deps.meta.speedMetrics(now),
    deps.meta.batchState(),
    deps.meta.lastReconciliation(),
    deps.kafka.figures().then(
      (f) => ({ ok: true as const, f }),
      (error: unknown) => {
        // Kafka's errors name brokers (internal hosts): the client gets a code, the log the detail.
        deps.log.warn(`quality: Kafka figures failed: ${errorMessage(error)}`);
        return { ok: false as const, error: 'kafka_unavailable' };
      },
    ),
  ]);
  const t = quality.totals;
  const seen = t.accepted + t.duplicates;
  return {
    counters: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toString()])),
    duplicateRate: seen === 0n ? null : Number(t.duplicates) / Number(seen),
    eventsPerSecond: speed.reduce((sum, s) => sum + (Number.isFinite(s.eventsPerSecond) ? s.eventsPerSecond : 0), 0),
    speedInstances: speed.map((s) => ({
      instance: s.instance,
      eventsPerSecond: s.eventsPerSecond,
      updatedAt: new Date(s.updatedAt).toISOString(),
      batchLatencyMs: s.batchLatencyMs,
    })),
    consumerLag: kafka.ok ? kafka.f.lag.map((g) => ({ ...g, byPartition: { ...g.byPartition } })) : null,
    kafkaError: kafka.ok ? null : kafka.error,
    deadLetterTopicMessages: kafka.ok ? kafka.f.deadLetterMessages : null,
    watermark: batch.watermark,
    lastBatchRun: batch.lastRun,
    lastReconciliation: reconciliation,
  };
}

export function qualityRoutes(deps: ServingDeps): Router {
  const router = Router();
  router.get('/quality', async (req, res) => {
    readQuery(req.query, []);
    sendJson(res, await qualitySnapshot(deps));
  });
  return router;
}
