// `npm run bench:batch [-- --events N --no-spark --cold --keep --engines node,duckdb,spark | --no-engines --cpu-prof DIR]`
// (declared in batch-bench-args.ts; `-- --help` lists them): the batch layer on
// one event day of N events (default 10 million; 5 % duplicates, one location
// with 30 %), in a private HBase namespace and HDFS root. The bench
// plays the speed layer first (its detection rows and live counts in HBase),
// then measures the nightly run (steady state), the classic top-X job, and
// PySpark local mode computing the same top-X over the same Parquet files.
// --cold instead measures a run on an empty HBase (everything repaired) and a re-run.
// Then the engine comparison (batch-bench-engines.ts): the same day compacted
// by each engine of `batch run --engine` (Spark local[2]), rows/s and peak RSS side by side.
// Prints a table and writes artifacts/bench-batch.json. --cpu-prof DIR runs the
// measured `batch run` child under `node --cpu-prof` (its .cpuprofile lands in DIR).

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot, type Config } from '../../common/config';
import { eventDay, REPORT_FILES, reportsDayDir } from '../../common/contract';
import { createHdfsStore, type HdfsStore } from '../../common/hdfs';
import { HBaseStore, hbaseStoreOptions } from '../../common/hbase';
import { withKafkaAdmin } from '../../common/kafka';
import { createLogger, type Logger } from '../../common/log';
import { sparkVenvDir, type DayReport } from '../../batch-layer';
import { runSetup } from '../setup';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';
import { stackServicePid } from './bench-world';
import { formatTable } from '../cli/format-table';
import { writeBenchData, writeBenchReference } from './batch-bench-data';
import { SpeedViewWriter } from './batch-bench-speed-view';
import { compareEngines, type EngineRun } from './batch-bench-engines';
import { UtopiaError } from '../../common/errors';
import { cpuSecondsOf, measureProcess as measure, type Measured } from './measure-process';
import type { Flags } from '../cli/parse-flags';
import { BATCH_BENCH_FLAGS, batchBenchArgs } from './batch-bench-args';
import { runBench } from './run-bench';

async function main(flags: Flags): Promise<void> {
  const { events, spark, keep, cold, engineList, cpuProfDir } = batchBenchArgs(flags);
  const profile = cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProfDir)];
  const id = crypto.randomBytes(4).toString('hex');
  const artifacts = path.join(repoRoot, 'artifacts');
  const work = path.join(artifacts, `bench-batch-${id}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HBASE_NAMESPACE: `bench_${id}`,
    HBASE_REGIONS: '8',
    HDFS_ROOT: `/bench/${id}`,
    KAFKA_DETECTIONS_TOPIC: `bench.${id}.detections`,
    KAFKA_DEAD_LETTER_TOPIC: `bench.${id}.dead-letter`,
    BATCH_WORK_DIR: path.join(work, 'spill'),
    BATCH_CLOSE_GRACE_MIN: '0',
    UTOPIA_LOG_LEVEL: process.env.UTOPIA_LOG_LEVEL ?? 'info',
  };
  const config = loadConfig(env);
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  const logger = createLogger('bench', 'warn');
  await runSetup(config, logger);
  const hdfs = createHdfsStore(config.hdfs);
  const hbase = new HBaseStore(hbaseStoreOptions(config));
  const day = eventDay(Date.now() - 2 * 86_400_000);
  const cli = path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js');
  try {
    log(`writing ${events} events of ${day} as landing files`);
    const t = Date.now();
    const speed = cold ? undefined : new SpeedViewWriter(hbase, config.hbase.namespace);
    const data = await writeBenchData(config, hdfs, day, events, path.join(work, 'landing'), log, speed);
    await speed?.finish();
    const locations = path.join(work, 'locations.parquet');
    await writeBenchReference(config, hbase, locations);
    log(`data ready in ${Date.now() - t} ms: ${data.files} files, ${(data.bytes / 2 ** 20).toFixed(0)} MiB, ${data.distinct} distinct`);

    // The batch's and the region server's CPU per run beside wall time: what the run
    // cost the machine, whatever else ran on it (the speed of this shared host swings them too).
    const hbasePid = stackServicePid(config, 'hbase');
    const runs: { name: string; m: Measured; hbaseCpuSeconds: number | null; report: DayReport }[] = [];
    for (const name of cold ? ['cold (HBase empty: repair all)', 'warm (re-run, HBase complete)'] : ['nightly (speed view in HBase)']) {
      log(`batch run: ${name}`);
      const hbaseCpuBefore = cpuSecondsOf(hbasePid);
      const m = await measure([...profile, cli, 'batch', 'run', '--date', day], env);
      const hbaseCpuSeconds = hbasePid === undefined ? null : Math.round((cpuSecondsOf(hbasePid) - hbaseCpuBefore) * 100) / 100;
      if (m.code !== 0) throw new UtopiaError(`batch run exited ${m.code}`);
      const report = JSON.parse(
        (await hdfs.readFile(`${reportsDayDir(config.hdfs.root, day)}/${REPORT_FILES.json}`)).toString(),
      ) as DayReport;
      runs.push({ name, m, hbaseCpuSeconds, report });
    }
    log('classic top-items job on the same files');
    const ours = await measure(
      [
        cli,
        'top-items',
        '--detections',
        path.join(work, 'landing'),
        '--locations',
        locations,
        '--x',
        '10',
        '--out',
        path.join(work, 'top-ours.parquet'),
      ],
      env,
    );
    const peer: PeerRun = spark ? runSparkPeer(config.home, work, locations, log) : { error: 'skipped (--no-spark)' };
    const engines: EngineRun[] = engineList.length > 0 ? await compareEngines(config, hdfs, env, cli, day, engineList, log) : [];
    const rows = runRows(runs);
    console.log(
      formatTable(
        Object.keys(rows[0]!),
        rows.map((r) => Object.values(r)),
      ),
    );
    if (engines.length > 0) printEngines(engines);
    const peerSeconds = 'seconds' in peer ? peer.seconds : undefined;
    console.log(
      `\nclassic top-X job: ours ${(ours.ms / 1000).toFixed(1)} s (peak RSS ${ours.peakRssMiB} MiB)` +
        (peerSeconds !== undefined
          ? `; PySpark local ${peerSeconds.toFixed(1)} s (job ${(peer as { jobSeconds: number }).jobSeconds.toFixed(1)} s + start-up); ours/Spark = ${(ours.ms / 1000 / peerSeconds).toFixed(2)}`
          : `; PySpark: ${(peer as { error: string }).error}`),
    );
    const result = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: (await import('node:os')).cpus().length,
        note: 'cores shared with the local stack (Kafka, HBase, HDFS) running on the same machine',
      },
      events,
      data,
      day,
      runs: runs.map(({ name, m, hbaseCpuSeconds, report }) => ({
        name,
        totalMs: m.ms,
        peakRssMiB: m.peakRssMiB,
        cpuSeconds: m.rootCpuSeconds,
        hbaseCpuSeconds,
        phasesMs: report.phasesMs,
        totals: report.totals,
        reconciliation: summary(report),
      })),
      table: rows,
      topItems: {
        oursMs: ours.ms,
        oursPeakRssMiB: ours.peakRssMiB,
        pyspark: peer,
        ratioOursToSpark: peerSeconds !== undefined ? ours.ms / 1000 / peerSeconds : null,
      },
      engines,
      engineVerdict: engineVerdict(engines) ?? null,
      batchVsSpark: peerSeconds !== undefined ? runs.map(({ name, m }) => ({ name, ratio: m.ms / 1000 / peerSeconds })) : null,
    };
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'bench-batch.json'), JSON.stringify(result, null, 2));
    log('wrote artifacts/bench-batch.json');
  } finally {
    hbase.close();
    if (!keep) await cleanUp(config, hdfs, work, logger);
  }
}

type PeerRun = { seconds: number; startupSeconds: number; jobSeconds: number; note?: string } | { error: string };

/** The same top-X job in PySpark local mode over the same files. */
function runSparkPeer(home: string, work: string, locations: string, log: (line: string) => void): PeerRun {
  log('PySpark local mode peer');
  const started = Date.now();
  const run = spawnSync(
    peerPython(home),
    [path.join(repoRoot, 'ops', 'bench', 'spark-top-items.py'), path.join(work, 'landing'), locations, path.join(work, 'top-spark'), '10'],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return run.status === 0
    ? { seconds: (Date.now() - started) / 1000, ...(JSON.parse(line) as { startupSeconds: number; jobSeconds: number }) }
    : { error: `exit ${run.status}: ${run.stderr.slice(-400)}` };
}

/** One table row per batch run: time, rows/s per phase, peak RSS. */
function runRows(
  runs: readonly { name: string; m: Measured; hbaseCpuSeconds: number | null; report: DayReport }[],
): Record<string, string>[] {
  return runs.map(({ name, m, hbaseCpuSeconds, report }) => {
    const p = report.phasesMs;
    const rate = (n: number, ms: number): string => (ms > 0 ? `${Math.round((n * 1000) / ms).toLocaleString('en')}` : '-');
    return {
      run: name,
      events: String(report.totals.landedRows),
      'total s': (m.ms / 1000).toFixed(1),
      'end-to-end rows/s': rate(report.totals.landedRows, m.ms),
      'compaction rows/s': rate(report.totals.landedRows, p.compaction),
      'views rows/s': rate(report.totals.uniqueDetections, p.views),
      'reconciliation rows/s': rate(report.totals.uniqueDetections, p.reconciliation),
      'peak RSS MiB': String(m.peakRssMiB),
      'CPU s batch / HBase': `${m.rootCpuSeconds.toFixed(1)} / ${hbaseCpuSeconds === null ? '-' : hbaseCpuSeconds.toFixed(1)}`,
    };
  });
}

function printEngines(engines: readonly EngineRun[]): void {
  console.log('\nengines (the same day, a first compaction each; spark = local[2]; "day job" = the run without its HBase phases):');
  const s = (ms: number | undefined): string => (ms === undefined ? '-' : (ms / 1000).toFixed(1));
  const n = (v: number | undefined): string => (v === undefined ? '-' : v.toLocaleString('en'));
  console.log(
    formatTable(
      [
        'engine',
        'total s',
        'end-to-end rows/s',
        'day job s',
        'day job rows/s',
        'SQL engine job s',
        'views rows/s',
        'reconciliation rows/s',
        'peak RSS MiB (tree)',
        'output = node',
      ],
      engines.map((e) => [
        e.engine,
        s(e.totalMs),
        n(e.rowsPerS),
        s(e.dayJobMs),
        n(e.dayJobRowsPerS),
        e.sqlPhasesMs ? s((e.sqlPhasesMs as { engine: number }).engine) : '-',
        n(e.viewsRowsPerS),
        n(e.reconciliationRowsPerS),
        String(e.peakRssMiB),
        e.error ??
          (e.identicalToNode
            ? 'yes'
            : `NO (${[...(e.differingColumns ?? []), ...(e.differs?.totals ? ['totals'] : []), ...(e.differs?.topItems ? ['top-X'] : [])].join(', ')})`),
      ]),
    ),
  );
  const verdict = engineVerdict(engines);
  if (verdict) console.log(`\n${verdict.note}`);
}

/** Deletes the run's HDFS root, work folder, HBase namespace and topics (kept with --keep). */
async function cleanUp(config: Config, hdfs: HdfsStore, work: string, logger: Logger): Promise<void> {
  await hdfs.delete(config.hdfs.root, { recursive: true }).catch(() => false);
  fs.rmSync(work, { recursive: true, force: true });
  const admin = await createHBaseAdmin(stackLayout(config.home), config, logger);
  await admin.deleteTables((await admin.listTables(config.hbase.namespace)).map(String));
  await admin.runOrThrow([{ op: 'deleteNamespace', namespace: config.hbase.namespace }]);
  await withKafkaAdmin(config, {}, (k) => k.deleteTopics({ topics: [config.kafka.detectionsTopic, config.kafka.deadLetterTopic] })).catch(
    () => undefined,
  );
}

/** The PySpark peer's Python: the batch's own Spark venv when installed (pyspark pinned there), else python3 on PATH. */
function peerPython(home: string): string {
  const venv = path.join(sparkVenvDir(home), 'bin', 'python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/** The measurement behind BATCH_ENGINE's default: DuckDB against the node engine, day job (without the HBase phases) and end to end. */
function engineVerdict(
  engines: readonly EngineRun[],
): { duckdbOverNodeDayJob: number; duckdbOverNodeEndToEnd: number; identical: boolean; note: string } | undefined {
  const node = engines.find((e) => e.engine === 'node' && !e.error);
  const duck = engines.find((e) => e.engine === 'duckdb' && !e.error);
  if (node?.dayJobMs === undefined || duck?.dayJobMs === undefined || node.dayJobMs <= 0 || duck.dayJobMs <= 0) return undefined;
  const dayJob = node.dayJobMs / duck.dayJobMs;
  const endToEnd = node.totalMs / duck.totalMs;
  return {
    duckdbOverNodeDayJob: dayJob,
    duckdbOverNodeEndToEnd: endToEnd,
    identical: duck.identicalToNode,
    note: `duckdb vs node: ${dayJob.toFixed(2)}x on the day job, ${endToEnd.toFixed(2)}x end to end; output ${duck.identicalToNode ? 'identical' : 'DIFFERENT'}`,
  };
}

function summary(report: DayReport): unknown {
  const r = report.reconciliation;
  return {
    detectionRows: r.detectionRows.skipped ?? {
      hbaseRows: r.detectionRows.hbaseRows,
      repaired: r.detectionRows.repaired,
      hbaseOnly: r.detectionRows.hbaseOnly,
    },
    liveCounts: r.liveCounts.skipped ?? { checked: r.liveCounts.cellsChecked, corrected: r.liveCounts.cellsCorrected },
  };
}

void runBench('batch', BATCH_BENCH_FLAGS, main);
