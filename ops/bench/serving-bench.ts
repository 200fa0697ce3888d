// `npm run bench:serving`: the serving API under 100 concurrent connections
// with a day of data at 10,000 events/s loaded, against the floor of the same
// answers read straight from HBase. Prints a table, writes
// artifacts/bench-serving.json. Runs in its own namespace, HDFS root and
// topics, deleted at the end (--keep to keep them).
//   node dist/ops/bench/serving-bench.js [--locations 10] [--items 20] [--duration 10] [--connections 100] [--keep] [--cpu-prof [DIR]]
// --cpu-prof DIR: the API child runs under `node --cpu-prof` and leaves its .cpuprofile in DIR
// (artifacts/profiles when DIR is left out). --help lists the flags.

import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, repoRoot, type Config } from '../../common/config';
import { HBaseStore, hbaseStoreOptions } from '../../common/hbase';
import { createHdfsStore } from '../../common/hdfs';
import { withKafkaAdmin } from '../../common/kafka';
import { createLogger, type Logger } from '../../common/log';
import { formatTable } from '../cli/format-table';
import { runSetup } from '../setup';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';
import { seedBenchData, type BenchData } from './bench-data';
import { directScenario } from './direct-reads';
import { rollupScenario } from './direct-rollup-reads';
import { readHBaseCallTally, tallyPerRequest } from './hbase-call-tally';
import { directLoad, httpLoad, type LoadFigures } from './load-run';
import { pacedLoad } from './paced-load';
import { ViewSeeder } from './view-seeder';
import { UtopiaError } from '../../common/errors';
import { isPositiveInteger, type Flags, type FlagSpec } from '../cli/parse-flags';
import { runBench } from './run-bench';

/** The target load: p99 under 50 ms at 1,000 requests/s. */
const FIXED_RATE = 1_000;

interface Options {
  locations: number;
  items: number;
  duration: number;
  connections: number;
  keep: boolean;
  cpuProfDir: string | null;
}

const FLAGS: FlagSpec = {
  command: 'npm run bench:serving --',
  about: 'the serving API under load against the same answers read straight from HBase; writes artifacts/bench-serving.json',
  flags: [
    { name: 'locations', value: 'N', default: 10, about: 'locations seeded' },
    { name: 'items', value: 'N', default: 20, about: 'items seeded per location' },
    { name: 'duration', value: 'S', default: 10, about: 'seconds per load run' },
    { name: 'connections', value: 'N', default: 100, about: 'concurrent connections' },
    { name: 'keep', about: "keep the run's HBase namespace, HDFS root and topics" },
    {
      name: 'cpu-prof',
      value: 'DIR',
      bare: 'artifacts/profiles',
      about: 'run the API child under node --cpu-prof, its .cpuprofile into DIR',
    },
  ],
};

function optionsOf(flags: Flags): Options {
  const cpuProf = flags.value('cpu-prof');
  return {
    locations: flags.number('locations', isPositiveInteger),
    items: flags.number('items', isPositiveInteger),
    duration: flags.number('duration', isPositiveInteger),
    connections: flags.number('connections', isPositiveInteger),
    keep: flags.has('keep'),
    cpuProfDir: cpuProf === undefined ? null : path.resolve(cpuProf),
  };
}

async function main(flags: Flags): Promise<void> {
  const options = optionsOf(flags);
  const log = createLogger('bench', 'info');
  const suffix = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HBASE_NAMESPACE: suffix,
    HDFS_ROOT: `/tmp-bench/${suffix}`,
    KAFKA_DETECTIONS_TOPIC: `bench.${suffix}.detections`,
    KAFKA_DEAD_LETTER_TOPIC: `bench.${suffix}.dead-letter`,
    KAFKA_PARTITIONS: '12',
    API_RATE_LIMIT_PER_S: '1000000',
    API_RATE_LIMIT_BURST: '1000000',
    UTOPIA_LOG_LEVEL: 'warn',
    API_AUDIT_LOG: 'false', // 1,000s of lines a second would measure the terminal
  };
  const config = loadConfig(env);
  await runSetup(config, log);
  const store = new HBaseStore(hbaseStoreOptions(config));
  try {
    const data = await seedBenchData(new ViewSeeder(store, config.hbase.namespace), options.locations, options.items, (line) =>
      log.info(line),
    );
    const pick = () => data.locations[Math.floor(Math.random() * data.locations.length)] as bigint;
    const { scenarios, speedReads } = defineScenarios(store, config, data);
    const rows: Record<string, unknown>[] = [];
    const server = await startServer(env, options.cpuProfDir);
    try {
      for (const s of scenarios) rows.push(...(await measureApi(server.url, s, data, pick, options, log)));
    } finally {
      await server.stop();
    }
    for (const s of scenarios) rows.push(...(await measureDirect(s, speedReads[s.name], pick, log)));
    printAndWrite(options, data, rows);
  } finally {
    store.close();
    if (!options.keep) await cleanUp(config);
  }
}

interface Scenario {
  name: string;
  path: (l: bigint) => string;
  direct: (l: bigint) => Promise<unknown>;
}

interface SpeedReads {
  rollup: (l: bigint) => Promise<number>;
  minuteCells: (l: bigint) => Promise<number>;
}

/** The API paths measured, each with its floor read straight from HBase. */
function defineScenarios(
  store: HBaseStore,
  config: Config,
  data: BenchData,
): { scenarios: Scenario[]; speedReads: Record<string, SpeedReads> } {
  const today = new Date(data.todayStartMs).toISOString();
  const now = new Date(data.nowMs).toISOString();
  // Not before today: in the first hour after midnight yesterday is a batch day, which has no minute buckets.
  const hourAgo = new Date(Math.max(data.todayStartMs, Math.floor(data.nowMs / 60_000) * 60_000 - 59 * 60_000)).toISOString();
  const hourEnd = Math.ceil(data.nowMs / 3_600_000) * 3_600_000;
  const minuteEnd = Math.ceil(data.nowMs / 60_000) * 60_000;
  // Per scenario reading the speed view: its answer read as the API reads it now (hour and day roll-ups), and the cells
  // read that way and from minute rows (as the API read it before the roll-ups).
  const speedReads: Record<string, SpeedReads> = {
    'counts, today from speed view (hour buckets)': {
      rollup: (l) => rollupScenario.speedTotals(store, config, l, data.todayStartMs, hourEnd, 'hour'),
      minuteCells: (l) => rollupScenario.minuteCells(store, config, 'total', l, data.todayStartMs, hourEnd),
    },
    'counts, yesterday + today merged': {
      rollup: (l) => rollupScenario.speedTotals(store, config, l, data.todayStartMs, hourEnd, 'hour'),
      minuteCells: (l) => rollupScenario.minuteCells(store, config, 'total', l, data.todayStartMs, hourEnd),
    },
    'top-10, today from speed view': {
      rollup: (l) => rollupScenario.speedTop(store, config, l, data.todayStartMs, minuteEnd),
      minuteCells: (l) => rollupScenario.minuteCells(store, config, 'item', l, data.todayStartMs, minuteEnd),
    },
  };
  const scenarios: Scenario[] = [
    {
      name: 'counts, batch day (24 hour buckets)',
      path: (l) => `/api/v1/counts?granularity=hour&from=${data.yesterday}&to=${today}&location=${l}`,
      direct: (l) => directScenario.batchTotals(store, config, l, data.todayStartMs - 86_400_000, data.todayStartMs),
    },
    {
      name: 'counts, today from speed view (hour buckets)',
      path: (l) => `/api/v1/counts?granularity=hour&from=${today}&to=${now}&location=${l}`,
      direct: (l) => directScenario.speedTotals(store, config, l, data.todayStartMs, data.nowMs),
    },
    {
      name: 'counts, last 60 min (minute buckets)',
      path: (l) => `/api/v1/counts?granularity=minute&from=${hourAgo}&to=${now}&location=${l}`,
      direct: (l) => directScenario.speedTotals(store, config, l, Date.parse(hourAgo), data.nowMs),
    },
    {
      name: 'counts, yesterday + today merged',
      path: (l) => `/api/v1/counts?granularity=hour&from=${data.yesterday}&to=${now}&location=${l}`,
      direct: async (l) => {
        await Promise.all([
          directScenario.batchTotals(store, config, l, data.todayStartMs - 86_400_000, data.todayStartMs),
          directScenario.speedTotals(store, config, l, data.todayStartMs, data.nowMs),
        ]);
      },
    },
    {
      name: 'top-10, batch day',
      path: (l) => `/api/v1/top-items?limit=10&from=${data.yesterday}&to=${today}&location=${l}`,
      direct: (l) => directScenario.batchTop(store, config, l, data.todayStartMs - 86_400_000, data.todayStartMs),
    },
    {
      name: 'top-10, today from speed view',
      path: (l) => `/api/v1/top-items?limit=10&from=${today}&to=${now}&location=${l}`,
      direct: (l) => directScenario.speedTop(store, config, l, data.todayStartMs, data.nowMs),
    },
    {
      name: 'top-10, last 60 min',
      path: (l) => `/api/v1/top-items?limit=10&from=${hourAgo}&to=${now}&location=${l}`,
      direct: (l) => directScenario.speedTop(store, config, l, Date.parse(hourAgo), data.nowMs),
    },
  ];
  return { scenarios, speedReads };
}

/** One scenario through the API: cold, at max rate, at the fixed rate (with HBase calls per request), paced. */
async function measureApi(
  url: string,
  s: Scenario,
  data: BenchData,
  pick: () => bigint,
  options: Options,
  log: Logger,
): Promise<Record<string, unknown>[]> {
  // Cold: the first request per location, read from HBase and then cached (closed days, settled hours).
  const cold: number[] = [];
  for (const l of data.locations) {
    const started = performance.now();
    const res = await fetch(`${url}${s.path(l)}`);
    if (!res.ok) throw new UtopiaError(`${s.path(l)}: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    cold.push(performance.now() - started);
  }
  const rows: Record<string, unknown>[] = [];
  const max = await httpLoad(url, () => s.path(pick()), options.connections, options.duration);
  rows.push({ ...row(s.name, 'API, max rate', max), coldP50Ms: Math.round(median(cold)) });
  const before = await readHBaseCallTally(url);
  const fixed = await httpLoad(url, () => s.path(pick()), options.connections, options.duration, FIXED_RATE);
  const calls = tallyPerRequest(before, await readHBaseCallTally(url), fixed.requests);
  rows.push({ ...row(s.name, `API at ${FIXED_RATE} req/s`, fixed), coldP50Ms: '', ...calls });
  // The same rate evenly paced, latency from when each request was due (paced-load.ts says why both).
  const paced = await pacedLoad(url, () => s.path(pick()), options.connections, options.duration, FIXED_RATE);
  rows.push({ ...row(s.name, `API at ${FIXED_RATE} req/s, paced`, paced), coldP50Ms: '' });
  log.info(
    `API | ${s.name}: max ${max.requestsPerS} req/s (p99 ${max.p99Ms} ms); at ${FIXED_RATE} req/s p50 ${fixed.p50Ms} ms, p99 ${fixed.p99Ms} ms (paced: p50 ${paced.p50Ms} ms, p99 ${paced.p99Ms} ms), ${calls.hbaseCallsPerRequest} HBase calls a request (mean ${calls.hbaseCallMeanMs} ms); cold ${Math.round(median(cold))} ms`,
  );
  return rows;
}

/** The floor: one request at a time straight from HBase, what each answer costs without the API or a cache. */
async function measureDirect(
  s: Scenario,
  reads: SpeedReads | undefined,
  pick: () => bigint,
  log: Logger,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const figures = await directLoad(() => s.direct(pick()), 1, 5, 3);
  rows.push({
    ...row(s.name, 'HBase direct, 1 at a time', figures),
    coldP50Ms: '',
    ...(reads ? { cellsRead: await reads.minuteCells(pick()) } : {}),
  });
  log.info(`HBase direct | ${s.name}: p50 ${figures.p50Ms} ms`);
  if (!reads) return rows;
  let cellsRead = 0;
  const rolled = await directLoad(async () => void (cellsRead = await reads.rollup(pick())), 1, 5, 3);
  rows.push({ ...row(s.name, 'HBase direct from roll-ups, 1 at a time', rolled), coldP50Ms: '', cellsRead });
  log.info(`HBase direct from roll-ups | ${s.name}: p50 ${rolled.p50Ms} ms, ${cellsRead} cells`);
  return rows;
}

function printAndWrite(options: Options, data: BenchData, rows: readonly Record<string, unknown>[]): void {
  const table = formatTable(
    ['scenario', 'path', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'cold p50 ms', 'cells read', 'HBase calls/req'],
    rows.map((r) =>
      [r.scenario, r.path, r.requestsPerS, r.p50Ms, r.p99Ms, r.errors, r.coldP50Ms, r.cellsRead ?? '', r.hbaseCallsPerRequest ?? ''].map(
        String,
      ),
    ),
  );
  console.log(
    `\nServing benchmark: ${options.connections} connections, ${options.duration} s per run; ${data.locations.length} locations x ${data.items.length} items, speed view ${data.speedRows} rows (1440 minutes) + ${data.speedRollupRows} roll-up rows (hours, days), batch view ${data.batchRows} rows (yesterday); target p99 < 50 ms at >= 1,000 req/s\n`,
  );
  console.log(table);
  const out = path.join(repoRoot, 'artifacts', 'bench-serving.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        options,
        data: {
          locations: data.locations.length,
          items: data.items.length,
          speedRows: data.speedRows,
          speedRollupRows: data.speedRollupRows,
          batchRows: data.batchRows,
        },
        results: rows,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten to ${out}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function row(scenario: string, via: string, f: LoadFigures): Record<string, unknown> {
  return { scenario, path: via, requestsPerS: f.requestsPerS, p50Ms: f.p50Ms, p99Ms: f.p99Ms, errors: f.errors, requests: f.requests };
}

/**
 * The API in its own process, as `utopia serve` runs it, so the load generator (autocannon, in this process) does not
 * share its CPU thread. `stop` waits for the exit, so a CPU profile is written before the bench goes on.
 */
async function startServer(env: NodeJS.ProcessEnv, cpuProfDir: string | null): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = cpuProfDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfDir];
  const child: ChildProcess = spawn(process.execPath, [...profile, path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js'), 'serve'], {
    env: { ...env, API_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new UtopiaError(`utopia serve exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/api/v1/openapi.json`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new UtopiaError('utopia serve did not start within 30 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function cleanUp(config: Config): Promise<void> {
  const log = createLogger('bench', 'warn');
  const admin = await createHBaseAdmin(stackLayout(config.home), config, log);
  await admin.deleteTables((await admin.listTables(config.hbase.namespace)).map(String));
  await admin.runOrThrow([{ op: 'deleteNamespace', namespace: config.hbase.namespace }]);
  await withKafkaAdmin(config, {}, (kafka) => kafka.deleteTopics({ topics: [config.kafka.detectionsTopic, config.kafka.deadLetterTopic] }));
  await createHdfsStore(config.hdfs).delete(config.hdfs.root, { recursive: true });
}

void runBench('serving', FLAGS, main);
