// `npm run bench:speed-plan [-- --events N --rounds N --partitions N]`: the
// CPU the speed layer's own code spends per event (classify, dedup, enrich,
// counter cells and their cache, the rows and puts to write), in this process,
// over bench:speed's backlog (speed-simulation.ts), with an HBase that keeps
// nothing (null-store.ts). No stack, no Kafka, no sockets: two builds
// compare here within a few per cent, where bench:speed's end-to-end figures
// swing by a third on this shared machine. Each round starts from an empty
// counter cache, as after a rebalance. Prints a table and writes
// artifacts/bench-speed-plan.json.

import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, repoRoot } from '../../common/config';
import { bucketOf, COUNT_HORIZON_BASE_QUALIFIER, countHorizonPut, EMPTY_TABLES_HORIZON_MS } from '../../common/contract';
import { applyChunk, type ApplyChunkDeps } from '../../speed-layer/apply-chunk';
import type { ConsumedMessage } from '../../speed-layer/consumed-message';
import { CounterStore } from '../../speed-layer/counter-store';
import { speedTables } from '../../speed-layer/speed-tables';
import { formatTable } from '../cli/format-table';
import { isPositiveInteger, type Flags, type FlagSpec } from '../cli/parse-flags';
import { locationName } from '../../reference-data';
import { generateEvents } from '../simulator';
import { NullStore } from './null-store';
import { runBench } from './run-bench';
import { SAMPLE_LOCATIONS, speedBacklog } from './speed-simulation';

/** The speed layer's chunk size (speed-layer.ts). */
const CHUNK = 1000;
/** GC entries reach their observer on a later timer tick, not within the round's microtasks. */
const GC_ENTRIES_MS = 50;

const FLAGS: FlagSpec = {
  command: 'npm run bench:speed-plan --',
  about: "the speed layer's own CPU per event, in-process, with an HBase that keeps nothing; writes artifacts/bench-speed-plan.json",
  flags: [
    { name: 'events', value: 'N', default: 300_000, about: "simulated events, bench:speed's backlog" },
    { name: 'rounds', value: 'N', default: 5, about: 'passes over the events; the first warms the JIT and is not counted' },
    { name: 'partitions', value: 'N', default: 12, about: 'Kafka partitions the events are spread over by oid' },
  ],
};

interface Round {
  readonly cpuMicrosPerEvent: number;
  readonly gcMs: number;
  readonly wallMs: number;
}

async function main(flags: Flags): Promise<void> {
  const events = flags.number('events', isPositiveInteger);
  const rounds = flags.number('rounds', isPositiveInteger);
  const partitions = flags.number('partitions', isPositiveInteger);
  const config = loadConfig({});
  const byPartition = simulatedPartitions(events, partitions);
  const store = new NullStore();
  const tables = speedTables(config);
  // bench:speed's namespace is new: setup left the count horizon's base in it.
  store.hold(tables.meta, countHorizonPut([[COUNT_HORIZON_BASE_QUALIFIER, EMPTY_TABLES_HORIZON_MS]]));
  const deps: ApplyChunkDeps = {
    store,
    tables,
    counters: new CounterStore(store, tables, config.speed.countCacheCells),
    reference: { locations: sampleNames() },
    lateAfterMs: config.speed.lateAfterMs,
  };
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (gcMs += entry.duration)));
  gc.observe({ entryTypes: ['gc'] });
  const measured: Round[] = [];
  const longest = Math.max(...byPartition.map((p) => p.length));
  for (let round = 0; round < rounds; round++) {
    deps.counters.clear();
    for (const partition of byPartition.keys()) await deps.counters.claim(partition); // as a new assignment does
    await sleep(GC_ENTRIES_MS); // the previous round's GC entries arrive
    gcMs = 0;
    store.reset();
    const cpu = process.cpuUsage();
    const started = performance.now();
    // Chunks round-robin over the partitions, as a consumer's fetches interleave them.
    for (let at = 0; at < longest; at += CHUNK)
      for (const [partition, messages] of byPartition.entries())
        if (at < messages.length) await applyChunk(deps, partition, messages.slice(at, at + CHUNK), () => undefined);
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    await sleep(GC_ENTRIES_MS);
    const figures = { cpuMicrosPerEvent: (used.user + used.system) / events, gcMs, wallMs };
    console.log(`round ${round + 1}/${rounds}${round === 0 ? ' (warm-up)' : ''}: ${figures.cpuMicrosPerEvent.toFixed(1)} µs/event`);
    if (round > 0 || rounds === 1) measured.push(figures);
  }
  gc.disconnect();
  const perEvent = measured.map((r) => r.cpuMicrosPerEvent).sort((a, b) => a - b);
  const result = {
    measuredAt: new Date().toISOString(),
    events,
    partitions,
    chunk: CHUNK,
    rounds: measured,
    cpuMicrosPerEventMedian: round1(perEvent[Math.floor(perEvent.length / 2)] as number),
    cpuMicrosPerEventBest: round1(perEvent[0] as number),
    gcShare: round1((100 * sum(measured.map((r) => r.gcMs))) / sum(measured.map((r) => r.wallMs))) / 100,
    counterRowsReadPerEvent: round1((store.rowsReadOf(tables.liveCounts) + store.rowsReadOf(tables.rollups)) / events),
    rowsWrittenPerEvent: round1(store.rowsWritten / events),
    cellsWrittenPerEvent: round1(store.cellsWritten / events),
  };
  console.log(
    formatTable(
      ['figure', 'value'],
      [
        ['CPU µs per event, median of measured rounds', String(result.cpuMicrosPerEventMedian)],
        ['CPU µs per event, best round', String(result.cpuMicrosPerEventBest)],
        ['share of wall time in GC', `${Math.round(result.gcShare * 100)} %`],
        ['counter rows read per event (cache misses)', String(result.counterRowsReadPerEvent)],
        ['rows / cells written per event', `${result.rowsWrittenPerEvent} / ${result.cellsWrittenPerEvent}`],
      ],
    ),
  );
  const out = path.join(repoRoot, 'artifacts', 'bench-speed-plan.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(repoRoot, out)}`);
}

/**
 * bench:speed's backlog as consumed messages, by partition. Spread by oid with
 * the project's own hash: Kafka's partitioner hashes the key otherwise, and any
 * even spread of oids serves here.
 */
function simulatedPartitions(events: number, partitions: number): ConsumedMessage[][] {
  const byPartition = Array.from({ length: partitions }, (): ConsumedMessage[] => []);
  const timestampMs = Date.now();
  let i = 0;
  for (const e of generateEvents(speedBacklog(timestampMs, events))) {
    const partition = e.event ? bucketOf(e.event.detectionOid, partitions) : i % partitions;
    const messages = byPartition[partition] as ConsumedMessage[];
    messages.push({ partition, offset: String(messages.length), key: Buffer.from(e.key), value: Buffer.from(e.value), timestampMs });
    i++;
  }
  return byPartition;
}

/** The names of the sample Dataset B, which bench:speed loads: locations.csv is generated from locationName. */
function sampleNames(): Map<bigint, string> {
  const names = new Map<bigint, string>();
  for (let oid = 1; oid <= SAMPLE_LOCATIONS; oid++) names.set(BigInt(oid), locationName(oid));
  return names;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const round1 = (value: number): number => Math.round(value * 10) / 10;

void runBench('speed-plan', FLAGS, main);
