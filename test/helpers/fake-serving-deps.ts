// ServingDeps for unit tests of the Express app: honest in-memory fakes of
// the views (count rows, meta, reference names, reports, Kafka figures),
// wired like build-deps.ts (limiter under the caches), a real JobRunner over
// a given script, and a logger that keeps its lines.

import { loadConfig } from '../../common/config';
import type { CountScope, ReportFile, SpeedMetricsSnapshot } from '../../common/contract';
import { createLogger } from '../../common/log';
import type { ServingDeps } from '../../serving';
import type { AuditEntry } from '../../serving/http/audit-log';
import { JobRunner } from '../../serving/jobs/job-runner';
import { DEFAULT_MAX_BUCKETS } from '../../serving/merge';
import { ServingMetrics } from '../../serving/metrics/serving-metrics';
import { CountQuery } from '../../serving/query/count-query';
import { LimitedCountViews, ReadLimiter } from '../../serving/query/read-limiter';
import {
  CachedBatchViews,
  CachedSpeedViews,
  type BatchState,
  type CountRow,
  type CountViews,
  type KafkaFigures,
  type MetaReader,
  type QualityCounts,
  type ReportListing,
  type TopicFigures,
} from '../../serving/views';

/** Count views in memory: one row per bucket (scope total) or per bucket and item; records reads in flight. */
export class MemoryCountViews implements CountViews {
  inFlight = 0;
  maxInFlight = 0;
  reads = 0;

  constructor(private readonly items: readonly string[] = ['car', 'bus']) {}

  batchRows(scope: CountScope, _location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.read(scope, fromMs, toMs, 3_600_000);
  }

  speedRows(scope: CountScope, _location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.read(scope, fromMs, toMs, 60_000);
  }

  async speedItemRows(_location: bigint, itemName: string, fromMs: number, toMs: number): Promise<CountRow[]> {
    return (await this.read('item', fromMs, toMs, 60_000)).filter((row) => row.itemName === itemName);
  }

  /** One row per item (or one total) summing the minute rows of the range. */
  async speedSums(scope: CountScope, _location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    const sums = new Map<string, bigint>();
    for (const row of await this.read(scope, fromMs, toMs, 60_000)) sums.set(row.itemName, (sums.get(row.itemName) ?? 0n) + row.count);
    return [...sums].map(([itemName, count]) => ({ bucketMs: fromMs, itemName, count }));
  }

  private async read(scope: CountScope, fromMs: number, toMs: number, step: number): Promise<CountRow[]> {
    this.reads++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const rows: CountRow[] = [];
      for (let ms = Math.ceil(fromMs / step) * step; ms < toMs; ms += step) {
        if (scope === 'total') rows.push({ bucketMs: ms, itemName: '', count: 2n });
        else for (const itemName of this.items) rows.push({ bucketMs: ms, itemName, count: 1n });
      }
      return rows;
    } finally {
      this.inFlight--;
    }
  }
}

export class MemoryMeta implements MetaReader {
  watermark: string | null = null;
  async batchState(): Promise<BatchState> {
    return { watermark: this.watermark, generation: `g-${this.watermark}`, lastRun: null };
  }
  async quality(): Promise<QualityCounts> {
    return { totals: { accepted: 10n, duplicates: 1n, dead_letters: 0n, late: 0n, unknown_location: 0n }, byPartition: new Map() };
  }
  async speedMetrics(): Promise<SpeedMetricsSnapshot[]> {
    return [];
  }
  async lastReconciliation(): Promise<unknown> {
    return null;
  }
}

export class MemoryReports {
  readonly asked: string[] = [];
  constructor(private readonly files: ReadonlyMap<string, Buffer> = new Map()) {}
  async list(day: string): Promise<ReportListing | null> {
    this.asked.push(`list ${day}`);
    return null;
  }
  async read(day: string, file: ReportFile): Promise<Buffer | null> {
    this.asked.push(`${day}/${file}`);
    return this.files.get(`${day}/${file}`) ?? null;
  }
}

/** Kafka figures that fail the way kafkajs does: naming the broker. */
export class FailingKafka implements KafkaFigures {
  constructor(private readonly message = 'Connection error: connect ECONNREFUSED kafka-broker-3.internal.example:9092') {}
  async figures(): Promise<TopicFigures> {
    throw new Error(this.message);
  }
  async ping(): Promise<void> {
    throw new Error(this.message);
  }
  async close(): Promise<void> {}
}

export interface FakeWorld {
  readonly deps: ServingDeps;
  readonly views: MemoryCountViews;
  readonly meta: MemoryMeta;
  readonly reports: MemoryReports;
  readonly audit: AuditEntry[];
  readonly logLines: string[];
}

export function fakeServingDeps(
  env: NodeJS.ProcessEnv = {},
  overrides: Partial<ServingDeps> & { readonly cliPath?: string } = {},
): FakeWorld {
  const config = loadConfig({ API_LIVE_CACHE_MS: '0', API_SETTLED_CACHE_MS: '0', ...env });
  const logLines: string[] = [];
  const log = createLogger('test-serving', 'debug', (line) => logLines.push(line));
  const views = new MemoryCountViews();
  const meta = new MemoryMeta();
  const reports = new MemoryReports();
  const audit: AuditEntry[] = [];
  const batchViews = new CachedBatchViews(new LimitedCountViews(views, new ReadLimiter(config.api.maxReadsInFlight)));
  const speedViews = new CachedSpeedViews(batchViews, { liveMs: config.api.liveCacheMs, settledMs: config.api.settledCacheMs });
  const deps: ServingDeps = {
    config,
    log,
    meta,
    query: new CountQuery(
      speedViews,
      meta,
      { maxRangeDays: config.api.maxRangeDays, maxBuckets: DEFAULT_MAX_BUCKETS, maxRowKeys: config.api.maxRowKeys },
      config.api.liveCacheMs,
      (g) => batchViews.useGeneration(g),
    ),
    reference: { search: async () => ({ version: 'v1', total: 0, items: [] }), nameOf: async (oid) => `Place ${oid}` },
    detections: { detection: async () => null, recent: async () => ({ items: [], next: null }) },
    reports,
    kafka: new FailingKafka(),
    health: { hbase: async () => undefined },
    jobs: new JobRunner({ cliPath: overrides.cliPath ?? '/nonexistent/utopia.js', env: {} }),
    metrics: new ServingMetrics({ defaultMetrics: false }),
    audit: [(entry) => audit.push(entry)],
    ...overrides,
  };
  return { deps, views, meta, reports, audit, logLines };
}
