// The speed layer: a kafkajs consumer group that turns each batch into HBase
// writes (applyChunk) and commits its offsets only after HBase holds them.
// At-least-once delivery + idempotent, lineage- and offset-guarded writes =
// exactly-once results.

import os from 'node:os';
import { systemClock, type Clock } from '../common/clock';
import type { Config } from '../common/config';
import { errorMessage } from '../common/errors';
import type { Logger } from '../common/log';
import { retry } from '../common/retry';
import { CurrentReference } from '../common/reference';
import { createBatchHandler, type BatchHandler } from './batch-handler';
import { buildSpeedDeps, type SpeedDeps } from './build-deps';
import { cellQuarantine } from './cell-quarantine';
import { GroupConsumer, type GroupConsumerOptions } from './group-consumer';
import { SessionLease } from './session-lease';
import type { ApplyChunkDeps } from './apply-chunk';
import { CounterStore } from './counter-store';
import { DeadLetterSender } from './dead-letter-sender';
import { BroadcastReference } from './broadcast-reference';
import { publishSnapshot, SpeedMetrics } from './speed-metrics';
import { speedTables, type SpeedTables } from './speed-tables';

export interface SpeedLayer {
  readonly instance: string;
  readonly metrics: SpeedMetrics;
  start(): Promise<void>;
  /** Commits the chunk in hand (not the rest of its fetched batch), disconnects; gives up waiting after config.stopGraceMs. */
  stop(): Promise<void>;
}

/** Messages per applyChunk call: big enough for efficient HBase multi calls, small enough to bound memory and latency. */
const CHUNK_SIZE = 1000;
/** Stores built by the entry point (build-deps.ts) unless given. */
export function createSpeedLayer(
  config: Config,
  log: Logger,
  instance = `${os.hostname()}-${process.pid}`,
  clock: Clock = systemClock,
  build: (metrics: SpeedMetrics) => SpeedDeps = (metrics) => buildSpeedDeps(config, log, metrics),
): SpeedLayer {
  const metrics = new SpeedMetrics(instance, config.speed.groupId);
  const { store, kafka, deadLetterOutput } = build(metrics);
  const tables = speedTables(config);
  const counters = new CounterStore(store, tables, config.speed.countCacheCells);
  metrics.observeCounterCells(counters.tally);
  const reference = new BroadcastReference(new CurrentReference(store, config.hbase.namespace), log.child('reference'));
  const deadLetters = new DeadLetterSender(deadLetterOutput, {
    deadLetterTopic: config.kafka.deadLetterTopic,
    sourceTopic: config.kafka.detectionsTopic,
  });
  const abort = new AbortController();
  const lease = new SessionLease(config.speed.sessionTimeoutMs);
  let consumer: GroupConsumer | undefined;
  let metricsTimer: NodeJS.Timeout | undefined;
  let stopping = false;

  /** A consumer that runs until stop(). */
  async function runConsumer(handler: BatchHandler): Promise<void> {
    consumer = new GroupConsumer(
      kafka,
      consumerOptions(config, handler, { lease, log, signal: abort.signal, stopping: () => stopping, metrics, deadLetters }),
    );
    await consumer.start();
  }

  async function start(): Promise<void> {
    await retry(() => store.ready(), { retries: Infinity, signal: abort.signal, onRetry: logRetry(log, 'HBase connection') });
    await reference.start(config.speed.referencePollMs);
    const deps: ApplyChunkDeps = {
      store,
      tables,
      counters,
      reference,
      lateAfterMs: config.speed.lateAfterMs,
    };
    await runConsumer(
      createBatchHandler({
        deps,
        deadLetters,
        metrics,
        log,
        signal: abort.signal,
        chunkSize: CHUNK_SIZE,
        lease,
        quarantineCell: cellQuarantine(store, tables.meta, () => clock.now()),
        poisonAttempts: config.speed.poisonAttempts,
        stopping: () => stopping,
      }),
    );
    metricsTimer = setInterval(() => reportMetrics(metrics, store, tables, log), config.speed.metricsIntervalMs);
    metricsTimer.unref();
    log.info(
      `speed layer ${instance} consuming ${config.kafka.detectionsTopic} (group ${config.speed.groupId}, reference ${reference.version ?? 'none yet'})`,
    );
  }

  async function stop(): Promise<void> {
    log.info(`stopping: committing the chunk in hand (grace ${config.stopGraceMs} ms)`);
    stopping = true;
    // Half the grace for the chunk in hand; then its retries are aborted (nothing uncommitted is lost:
    // the next owner replays it) so the disconnect fits in the rest.
    const force = setTimeout(() => abort.abort(), Math.floor(config.stopGraceMs / 2));
    force.unref();
    if (metricsTimer) clearInterval(metricsTimer);
    try {
      await withDeadline(log, consumer?.disconnect() ?? Promise.resolve(), config.stopGraceMs, 'consumer disconnect');
      await withDeadline(log, deadLetters.close(), 2000, 'dead-letter producers close');
    } finally {
      clearTimeout(force);
      reference.stop();
      store.close();
    }
    log.info(`stopped after ${metrics.totalEvents} events`);
  }

  return { instance, metrics, start, stop };
}

const logRetry = (log: Logger, what: string) => (error: unknown, attempt: number, delayMs: number) =>
  log.warn(`${what} failed (attempt ${attempt}), retrying in ${delayMs} ms: ${errorMessage(error)}`);

/** What the group consumer needs from the layer around it. */
interface ConsumerContext {
  readonly lease: SessionLease;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly stopping: () => boolean;
  readonly metrics: SpeedMetrics;
  readonly deadLetters: DeadLetterSender;
}

function consumerOptions(config: Config, handler: BatchHandler, ctx: ConsumerContext): GroupConsumerOptions {
  const { metrics, deadLetters } = ctx;
  return {
    groupId: config.speed.groupId,
    topic: config.kafka.detectionsTopic,
    sessionTimeoutMs: config.speed.sessionTimeoutMs,
    // Counted in stored (compressed) bytes, while each fetched partition's batch is
    // held decompressed and parsed: gzip makes 256 KiB about 10,800 events, and the
    // 12 partitions of one fetch held 130,000 of them, most of the live heap.
    maxBytesPerPartition: config.speed.fetchBytesPerPartition,
    maxBytes: 4 * 1024 * 1024,
    partitionsConsumedConcurrently: config.speed.concurrency,
    lease: ctx.lease,
    log: ctx.log,
    signal: ctx.signal,
    stopping: ctx.stopping,
    joined(partitions) {
      // Another instance may have written our new partitions' counters: forget every cached cell.
      handler.rejoined();
      metrics.forgetPartitions();
      deadLetters.reassigned(partitions);
    },
    replaced: () => handler.rejoined(),
    eachBatch: (payload) => handler.handle(payload),
  };
}

/** The periodic figures line, and the snapshot the serving layer's /metrics reads from HBase. */
function reportMetrics(metrics: SpeedMetrics, store: SpeedDeps['store'], tables: SpeedTables, log: Logger): void {
  const snapshot = metrics.snapshot();
  const lag = Object.values(snapshot.lagByPartition).reduce((a, b) => a + b, 0);
  log.info(
    `${snapshot.eventsPerSecond} events/s, batch p50 ${snapshot.batchLatencyMs.p50} ms p99 ${snapshot.batchLatencyMs.p99} ms, lag ${lag}, rss ${Math.round(snapshot.rssBytes / 2 ** 20)} MB (heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB)`,
  );
  publishSnapshot(store, tables.meta, snapshot).catch((error: unknown) =>
    log.warn(`metrics snapshot not published: ${errorMessage(error)}`),
  );
}

/** Resolves when `work` settles or after `ms`, whichever is first (logging which). */
async function withDeadline(log: Logger, work: Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([
    work.then(
      () => 'done' as const,
      (error: unknown) => (log.warn(`${what}: ${errorMessage(error)}`), 'done' as const),
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late')
    log.warn(`${what} still pending after ${ms} ms: leaving it (uncommitted messages are replayed by the next owner)`);
}
