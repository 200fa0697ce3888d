// Builds the serving layer's dependencies from the config: one HBase store,
// one WebHDFS store, one Kafka admin, and the readers over them.

import path from 'node:path';
import { repoRoot, type Config } from '../common/config';
import { HBaseStore, hbaseStoreOptions } from '../common/hbase';
import { createHdfsStore } from '../common/hdfs';
import { createLogger, type Logger } from '../common/log';
import { CurrentReference } from '../common/reference';
import { formatAuditEntry, type AuditEntry } from './http/audit-log';
import type { ServingDeps } from './deps';
import { JobRunner } from './jobs/job-runner';
import { DEFAULT_MAX_BUCKETS } from './merge';
import { ServingMetrics } from './metrics/serving-metrics';
import { CountQuery } from './query/count-query';
import { LimitedCountViews, ReadLimiter } from './query/read-limiter';
import {
  CachedBatchViews,
  CachedSpeedViews,
  DetectionReader,
  HBaseCountViews,
  HBaseMetaReader,
  KafkaAdminFigures,
  LocationCatalog,
  ReportReader,
} from './views';

export interface BuiltDeps {
  readonly deps: ServingDeps;
  readonly hbase: HBaseStore;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Environment handed to job child processes (default: this process's). */
  readonly jobEnv?: NodeJS.ProcessEnv;
  readonly audit?: ServingDeps['audit'];
}

// The audit trail is written at its own level, so UTOPIA_LOG_LEVEL=warn does not silence it.
const auditLogger = createLogger('audit', 'info');
const auditToLog = (entry: AuditEntry): void => auditLogger.info(formatAuditEntry(entry));

export function buildDeps(config: Config, log: Logger, options: BuildOptions = {}): BuiltDeps {
  // Few, short retries: a request should fail fast with a 503 rather than hang.
  const metrics = new ServingMetrics();
  const hbase = new HBaseStore({
    ...hbaseStoreOptions(config, log.child('hbase')),
    maxActionRetries: 3,
    retryPauseMs: 100,
    readyTimeoutMs: 10_000,
    onCall: metrics.hbaseCalls,
  });
  const hdfs = createHdfsStore(config.hdfs, {
    logger: log.child('hdfs'),
    retry: { retries: 1, initialDelayMs: 100, maxDelayMs: 500 },
    idleTimeoutMs: 10_000,
  });
  const ns = config.hbase.namespace;
  const meta = new HBaseMetaReader(hbase, ns);
  // Every HBase view read takes a slot of one shared limiter (API_MAX_READS_IN_FLIGHT).
  const batchViews = new CachedBatchViews(
    new LimitedCountViews(new HBaseCountViews(hbase, ns), new ReadLimiter(config.api.maxReadsInFlight)),
  );
  const views = new CachedSpeedViews(batchViews, { liveMs: config.api.liveCacheMs, settledMs: config.api.settledCacheMs });
  const kafka = new KafkaAdminFigures(config);
  const deps: ServingDeps = {
    config,
    log,
    meta,
    query: new CountQuery(
      views,
      meta,
      { maxRangeDays: config.api.maxRangeDays, maxBuckets: DEFAULT_MAX_BUCKETS, maxRowKeys: config.api.maxRowKeys },
      config.api.liveCacheMs,
      (generation) => batchViews.useGeneration(generation),
      { maxStaleMs: config.api.liveMaxStaleMs },
    ),
    reference: new LocationCatalog(new CurrentReference(hbase, ns)),
    detections: new DetectionReader(hbase, ns),
    reports: new ReportReader(hdfs, config.hdfs.root),
    kafka,
    health: {
      hbase: () => meta.batchState(),
      hdfs: () => hdfs.stat(config.hdfs.root),
      kafka: () => kafka.ping(),
    },
    jobs: new JobRunner({ cliPath: path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js'), env: options.jobEnv ?? process.env }),
    metrics,
    audit: [...(config.api.auditLog ? [auditToLog] : []), ...(options.audit ?? [])],
  };
  return {
    deps,
    hbase,
    async close() {
      hbase.close();
      await kafka.close();
    },
  };
}
