// `npm run bench:speed [-- --events N --fresh-seconds S --fresh-rate R --cpu-prof DIR]`: the speed layer's
// figures in one run on this machine, with the whole stack on it:
//   1. sustained events/s through validation, dedup, enrichment and all HBase
//      writes (a backlog of N simulated events, 5 % duplicates, consumed from scratch);
//   2. freshness (publish to readable in HBase) p50/p99 at 10,000 events/s
//      (--fresh-rate) for 20 s (--fresh-seconds), and what the speed layer did
//      meanwhile, caught up: chunks, HBase calls, counter cells read, CPU per event
//      (its own, the region server's, Kafka's and this bench's) and the machine's busy share;
//   3. the speed layer's RSS (peak, sampled from /proc) and, at its peak, how
//      much of it is JS heap and how much Buffers outside it (its /metrics);
//   4. the ceilings: Kafka's consumer performance tool and HBase's
//      PerformanceEvaluation randomWrite, with our figure as a ratio of each.
// Prints a table and writes artifacts/bench-speed.json. --cpu-prof DIR runs the
// speed child under `node --cpu-prof` (the .cpuprofile lands in DIR when it stops).

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { Partitioners, type Producer } from 'kafkajs';
import { repoRoot, type Config } from '../../common/config';
import { detectionRowKey, detectionTableName } from '../../common/contract';
import { HBaseStore, hbaseStoreOptions } from '../../common/hbase';
import { createKafka, withKafkaAdmin } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { createProgress, type Progress } from '../../common/progress';
import { sleep } from '../../common/retry';
import { loadReference, SAMPLE_LOCATIONS_CSV } from '../../reference-data';
import { formatTable } from '../cli/format-table';
import { isPositive, isPositiveInteger, type Flags, type FlagSpec } from '../cli/parse-flags';
import { generateEvents, publishEvents, type PublishResult, type SimulationOptions } from '../simulator';
import { createBenchWorld, rssOf, stackServicePid, type BenchWorld } from './bench-world';
import { microsPerEvent, startLiveCpu } from './live-cpu';
import { cpuSecondsOf } from './measure-process';
import { sampleMemory } from './memory-sampler';
import { histogramFigures, seriesValue } from './prometheus-text';
import { hbaseRandomWriteCeiling, kafkaConsumerCeiling, type Ceiling } from './ceilings';
import { ReadableWatch, type ReadableProbe } from './readable-watch';
import { runBench } from './run-bench';
import { speedBacklog, speedSimulation } from './speed-simulation';

const log = createLogger('bench', 'info');

const FLAGS: FlagSpec = {
  command: 'npm run bench:speed --',
  about:
    "the speed layer's sustained events/s, freshness, RSS and CPU per event, with Kafka and HBase ceilings; writes artifacts/bench-speed.json",
  flags: [
    { name: 'events', value: 'N', default: 100_000, about: 'the backlog of simulated events consumed from scratch' },
    { name: 'fresh-seconds', value: 'S', default: 20, about: 'how long freshness is measured' },
    { name: 'fresh-rate', value: 'R', default: 10_000, about: 'events/s published while freshness is measured' },
    { name: 'cpu-prof', value: 'DIR', about: 'run the speed child under node --cpu-prof, its .cpuprofile into DIR' },
  ],
};

async function main(flags: Flags): Promise<void> {
  const cpuProfDir = flags.value('cpu-prof');
  const events = flags.number('events', isPositiveInteger);
  const freshSeconds = flags.number('fresh-seconds', isPositive);
  const freshRate = flags.number('fresh-rate', isPositive);
  const world = await createBenchWorld();
  const store = new HBaseStore(hbaseStoreOptions(world.config));
  const producer = createKafka(world.config, { clientIdSuffix: 'bench' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const artifacts = path.join(repoRoot, 'artifacts');
  let speed: ReturnType<typeof world.startSpeed> | undefined;
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssOf(speed?.pid))), 500);
  const memory = sampleMemory(world.speedMetricsUrl);
  try {
    await loadReference(world.config, SAMPLE_LOCATIONS_CSV, log);
    await producer.connect();

    // 1. Sustained throughput: a backlog consumed from scratch.
    log.info(`publishing a backlog of ${events} events`);
    const base = speedSimulation(Date.now());
    const progress = createProgress({ phase: 'publish the backlog', unit: 'events', total: events, log });
    await publishEvents(producer, generateEvents(speedBacklog(base.startMs, events)), {
      topic: world.config.kafka.detectionsTopic,
      rate: Infinity,
      progressEveryMs: 1000,
      onProgress: (sent) => progress.update(sent),
    });
    progress.done(events);
    speed = world.startSpeed(
      path.join(artifacts, 'bench-speed.log'),
      cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProfDir)] : [],
    );
    // The region server's CPU too: the machine is saturated, so CPU per event
    // (speed + HBase) compares two runs better than events/s does.
    const hbasePid = stackServicePid(world.config, 'hbase');
    const cpuBefore = cpuSecondsOf(speed.pid);
    const hbaseCpuBefore = cpuSecondsOf(hbasePid);
    const { initialLag, sustained } = await consumeBacklog(world, progress);
    // The speed child's own CPU over the backlog (it starts consuming at once: its start-up is in it too).
    const speedCpuSeconds = cpuSecondsOf(speed.pid) - cpuBefore;
    const hbaseCpuSeconds = hbasePid === undefined ? null : cpuSecondsOf(hbasePid) - hbaseCpuBefore;
    const backlogTimings = await speedTimings(world.speedMetricsUrl);

    // 2. Freshness at a steady rate.
    const liveCpu = startLiveCpu(world.config, speed.pid, hbasePid);
    const { fresh, timed, unreadable, pollerRowsPerSecond } = await measureFreshness(world, store, producer, {
      ...base,
      events: freshSeconds * freshRate,
      seed: 2,
      rate: freshRate,
      startMs: Date.now(),
      firstOid: 2n ** 62n,
    });
    const cpu = liveCpu(fresh.sent);
    const live = timingsSince(backlogTimings, await speedTimings(world.speedMetricsUrl));
    const pct = (p: number) => timed[Math.min(timed.length - 1, Math.floor((p / 100) * timed.length))] ?? NaN;

    // 3./4. Ceilings on the same machine.
    const kafkaCeiling = await kafkaConsumerCeiling(world.config, world.config.kafka.detectionsTopic, events);
    const hbaseCeiling = await hbaseRandomWriteCeiling(world.config, 100_000, log);
    const result = {
      measuredAt: new Date().toISOString(),
      sustainedEventsPerSecond: sustained,
      backlogEvents: initialLag,
      freshness: {
        rateTarget: freshRate,
        rateAchieved: fresh.eventsPerSecond,
        samples: timed.length,
        unreadableAfter60s: unreadable,
        p50Ms: pct(50),
        p99Ms: pct(99),
        maxMs: timed[timed.length - 1] ?? NaN,
        pollerRowsPerSecond,
        // Chunks the speed layer applied while freshness was measured: how many events each carried once caught up.
        chunks: live?.chunks ?? null,
        eventsPerChunk: live && live.chunks > 0 ? Math.round(fresh.sent / live.chunks) : null,
        chunkMeanMs: live?.meanMs ?? null,
        hbaseCalls: live?.hbaseCalls ?? null,
        counterCellsRead: live?.counterCells.read ?? null,
        counterCellsKnownEmpty: live?.counterCells.knownEmpty ?? null,
        ...cpu,
        // The CPUs /proc/stat's busy share is over (all online ones, whatever this process may use).
        hostCores: os.cpus().length,
      },
      speedLayerPeakRssMb: Math.round(peakRss / 2 ** 20),
      speedLayerMemoryAtPeakMb: memory.peak() ?? null,
      speedConcurrency: world.config.speed.concurrency,
      speedFetchBytesPerPartition: world.config.speed.fetchBytesPerPartition,
      speedLayerBacklogCpuSeconds: Math.round(speedCpuSeconds * 100) / 100,
      speedLayerCpuMicrosPerEvent: microsPerEvent(speedCpuSeconds, initialLag),
      hbaseBacklogCpuSeconds: hbaseCpuSeconds === null ? null : Math.round(hbaseCpuSeconds * 100) / 100,
      hbaseCpuMicrosPerEvent: hbaseCpuSeconds === null ? null : microsPerEvent(hbaseCpuSeconds, initialLag),
      counterCellsReadPerEvent:
        backlogTimings && initialLag > 0 ? Math.round((backlogTimings.counterCells.read / initialLag) * 100) / 100 : null,
      backlogTimings,
      ceilings: { kafkaConsumer: kafkaCeiling, hbaseRandomWrite: hbaseCeiling },
      ratios: {
        ofKafkaConsumer: shareOf(sustained, kafkaCeiling.eventsPerSecond),
        ofHBaseRandomWrite: shareOf(sustained, hbaseCeiling.eventsPerSecond),
      },
      // eventsPerSecond is the long-term target; the targets for now are the added fields.
      targets: { eventsPerSecond: 30_000, freshnessP99Ms: 2000, rssMb: 300, eventsPerSecondNow: 10_000, ofHBaseRandomWrite: 0.5 },
    };
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'bench-speed.json'), `${JSON.stringify(result, null, 2)}\n`);
    printSpeedTable(result);
    console.log(`\nwritten to ${path.join('artifacts', 'bench-speed.json')}`);
  } finally {
    clearInterval(rssTimer);
    memory.stop();
    speed?.kill('SIGTERM');
    // --cpu-prof writes its profile on a clean exit only: wait for it.
    if (cpuProfDir && speed && speed.exitCode === null) await new Promise((resolve) => speed?.once('exit', resolve));
    await producer.disconnect().catch(() => undefined);
    store.close();
    await world.cleanUp().catch((error: unknown) => log.warn(`clean-up failed: ${(error as Error).message}`));
  }
}

/** Waits until the speed child has consumed the backlog; the rate counts from its first progress. */
async function consumeBacklog(world: BenchWorld, progress: Progress): Promise<{ initialLag: number; sustained: number }> {
  let lag = await world.lag();
  const initialLag = lag;
  let firstProgressAt = 0;
  progress.phase('speed layer consumes the backlog', initialLag, 'events');
  while (lag > 0) {
    await sleep(250);
    lag = await world.lag();
    if (firstProgressAt === 0 && lag < initialLag) firstProgressAt = Date.now();
    progress.update(initialLag - lag);
  }
  progress.done();
  const sustainedMs = Date.now() - firstProgressAt;
  const sustained = Math.round((initialLag * 1000) / Math.max(1, sustainedMs));
  log.info(`backlog of ${initialLag} consumed in ${sustainedMs} ms: ${sustained} events/s`);
  return { initialLag, sustained };
}

/** Publishes at a steady rate; every 50th original is timed from send to readable in HBase (readable-watch.ts). */
async function measureFreshness(
  world: BenchWorld,
  store: HBaseStore,
  producer: Producer,
  options: SimulationOptions,
): Promise<{ fresh: PublishResult; timed: number[]; unreadable: number; pollerRowsPerSecond: number }> {
  const { detectionsTopic } = world.config.kafka;
  const table = detectionTableName(world.config.hbase.namespace);
  const partitionOf = await kafkaPartitioner(world.config, detectionsTopic);
  const watch = new ReadableWatch();
  const probe: ReadableProbe = async (oids) => (await store.mget(table, oids.map(detectionRowKey))).map((row) => row !== null);
  const started = Date.now();
  let polling = true;
  const poller = (async () => {
    // drain() below empties the watch, which ends the loop if the wait ran out first.
    while (polling || watch.pending > 0) if (!(await watch.poll(probe, Date.now))) await sleep(25);
  })();
  let n = 0;
  const fresh = await publishEvents(producer, generateEvents(options), {
    topic: detectionsTopic,
    rate: options.rate,
    onSent: (batch, sentAt) => {
      for (const e of batch)
        if (e.kind === 'original' && e.event && n++ % 50 === 0) watch.add(partitionOf(e.key), e.event.detectionOid, sentAt);
    },
  });
  polling = false;
  await Promise.race([poller, sleep(60_000)]);
  // Samples still unreadable after the wait count as that late (a lower bound), so p99 is not flattered.
  const waitedAt = Date.now();
  const unreadable = watch.pending;
  const timed = [...watch.latenciesMs, ...watch.drain(waitedAt)].sort((a, b) => a - b);
  return { fresh, timed, unreadable, pollerRowsPerSecond: Math.round((watch.rowsAsked * 1000) / Math.max(1, waitedAt - started)) };
}

/** The partition the bench's producer (kafkajs' default partitioner) sends a key to, for the topic as it is now. */
async function kafkaPartitioner(config: Config, topic: string): Promise<(key: string) => number> {
  const { topics } = await withKafkaAdmin(config, {}, (admin) => admin.fetchTopicMetadata({ topics: [topic] }));
  const partitionMetadata = topics[0]?.partitions ?? [];
  const partitioner = Partitioners.DefaultPartitioner();
  return (key) => partitioner({ topic, partitionMetadata, message: { key, value: null } });
}

interface SpeedBenchResult {
  sustainedEventsPerSecond: number;
  speedLayerCpuMicrosPerEvent: number | null;
  hbaseCpuMicrosPerEvent: number | null;
  counterCellsReadPerEvent: number | null;
  freshness: {
    rateTarget: number;
    rateAchieved: number;
    p50Ms: number;
    p99Ms: number;
    pollerRowsPerSecond: number;
    eventsPerChunk: number | null;
    speedLayerCpuMicrosPerEvent: number | null;
    hbaseCpuMicrosPerEvent: number | null;
    kafkaCpuMicrosPerEvent: number | null;
    benchProcessCpuMicrosPerEvent: number | null;
    hostBusyPercent: number | null;
    cpuWindowSeconds: number;
    hostCores: number;
  };
  speedLayerPeakRssMb: number;
  speedLayerMemoryAtPeakMb: { heapUsedMb: number; externalMb: number } | null;
  ceilings: { kafkaConsumer: Ceiling; hbaseRandomWrite: Ceiling };
  ratios: { ofKafkaConsumer: number | null; ofHBaseRandomWrite: number | null };
}

function printSpeedTable(result: SpeedBenchResult): void {
  const show = (v: number | null) => (v === null || Number.isNaN(v) ? 'n/a' : String(v));
  const { freshness, ceilings } = result;
  console.log(
    formatTable(
      ['figure', 'value', 'target'],
      [
        ['sustained events/s (all HBase writes)', show(result.sustainedEventsPerSecond), '>= 10000 now, 30000 long-term'],
        [`freshness p50 ms at ${freshness.rateTarget}/s (achieved ${freshness.rateAchieved}/s)`, show(freshness.p50Ms), ''],
        [`freshness p99 ms at ${freshness.rateTarget}/s`, show(freshness.p99Ms), '< 2000'],
        ['  rows the freshness poller asked HBase for, per second', show(freshness.pollerRowsPerSecond), ''],
        ['  events per chunk of the speed layer meanwhile', show(freshness.eventsPerChunk), ''],
        [
          '  CPU µs per event meanwhile: speed layer / HBase',
          `${show(freshness.speedLayerCpuMicrosPerEvent)} / ${show(freshness.hbaseCpuMicrosPerEvent)}`,
          '',
        ],
        [
          '  CPU µs per event meanwhile: Kafka / this bench (producer, poller, samplers)',
          `${show(freshness.kafkaCpuMicrosPerEvent)} / ${show(freshness.benchProcessCpuMicrosPerEvent)}`,
          '',
        ],
        [
          `  machine busy meanwhile (${freshness.cpuWindowSeconds} s), % of its ${freshness.hostCores} cores`,
          show(freshness.hostBusyPercent),
          '',
        ],
        ['speed layer peak RSS MB', show(result.speedLayerPeakRssMb), '< 300'],
        [
          '  of which JS heap used / external (Buffers) MB',
          result.speedLayerMemoryAtPeakMb
            ? `${result.speedLayerMemoryAtPeakMb.heapUsedMb} / ${result.speedLayerMemoryAtPeakMb.externalMb}`
            : 'n/a',
          '',
        ],
        ['CPU µs per event over the backlog: speed layer', show(result.speedLayerCpuMicrosPerEvent), ''],
        ['CPU µs per event over the backlog: HBase (local stack)', show(result.hbaseCpuMicrosPerEvent), ''],
        ['counter cells read from HBase per event (backlog)', show(result.counterCellsReadPerEvent), ''],
        ['Kafka ConsumerPerformance msgs/s', show(ceilings.kafkaConsumer.eventsPerSecond), ceilings.kafkaConsumer.note],
        ['HBase PE randomWrite rows/s', show(ceilings.hbaseRandomWrite.eventsPerSecond), ceilings.hbaseRandomWrite.note],
        ['ours / Kafka consumer', show(result.ratios.ofKafkaConsumer), ''],
        ['ours / HBase randomWrite', show(result.ratios.ofHBaseRandomWrite), '>= 0.5'],
      ],
    ),
  );
}

/** `rate` as a share of a measured ceiling, or null when the ceiling could not be measured. */
function shareOf(rate: number, ceiling: number | null): number | null {
  return ceiling !== null && ceiling > 0 ? +(rate / ceiling).toFixed(3) : null;
}

interface SpeedTimings {
  chunks: number;
  chunkMeanMs: number;
  /** The chunks' latencies summed, in seconds. */
  chunkSeconds: number;
  hbaseCalls: Record<string, { count: number; meanMs: number }>;
  counterCells: { read: number; knownEmpty: number };
}

/**
 * What the speed child did between two readings of its metrics: chunks and
 * their mean latency, HBase calls by operation and table, counter cells read
 * or known empty.
 */
function timingsSince(
  before: SpeedTimings | null,
  after: SpeedTimings | null,
): { chunks: number; meanMs: number | null; hbaseCalls: Record<string, number>; counterCells: SpeedTimings['counterCells'] } | null {
  if (!before || !after) return null;
  const chunks = after.chunks - before.chunks;
  const hbaseCalls: Record<string, number> = {};
  for (const [name, { count }] of Object.entries(after.hbaseCalls)) {
    const calls = count - (before.hbaseCalls[name]?.count ?? 0);
    if (calls > 0) hbaseCalls[name] = calls;
  }
  return {
    chunks,
    meanMs: chunks > 0 ? Math.round(((after.chunkSeconds - before.chunkSeconds) * 1000) / chunks) : null,
    hbaseCalls,
    counterCells: {
      read: after.counterCells.read - before.counterCells.read,
      knownEmpty: after.counterCells.knownEmpty - before.counterCells.knownEmpty,
    },
  };
}

/**
 * Where a chunk's time went while the backlog was consumed, from the child's
 * histograms: chunks and their mean latency, HBase calls by operation and
 * table with their mean latency (calls of concurrent chunks overlap), and the
 * counter cells the counter store read or knew empty without a read.
 */
async function speedTimings(metricsUrl: string): Promise<SpeedTimings | null> {
  const text = await fetch(metricsUrl).then(
    (r) => (r.ok ? r.text() : undefined),
    () => undefined,
  );
  if (text === undefined) return null;
  const chunk = histogramFigures(text, 'utopia_speed_batch_duration_seconds').get('') ?? { count: 0, mean: 0 };
  const hbaseCalls: Record<string, { count: number; meanMs: number }> = {};
  for (const [labels, figure] of histogramFigures(text, 'utopia_hbase_call_duration_seconds')) {
    if (figure.count === 0) continue;
    const name = [...labels.matchAll(/(\w+)="([^"]*)"/g)]
      .filter((m) => m[1] !== 'outcome' || m[2] !== 'ok')
      .map((m) => m[2])
      .join(' ');
    hbaseCalls[name] = { count: figure.count, meanMs: Math.round(figure.mean * 1000) };
  }
  const counterCells = {
    read: seriesValue(text, 'utopia_speed_counter_cells_total', 'source', 'read') ?? 0,
    knownEmpty: seriesValue(text, 'utopia_speed_counter_cells_total', 'source', 'known_empty') ?? 0,
  };
  const chunkSeconds = Math.round(chunk.count * chunk.mean * 1000) / 1000;
  return { chunks: chunk.count, chunkMeanMs: Math.round(chunk.mean * 1000), chunkSeconds, hbaseCalls, counterCells };
}

void runBench('speed', FLAGS, main);
