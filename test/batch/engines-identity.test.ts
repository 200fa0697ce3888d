// Issue 17: every engine of the nightly day (node, duckdb, spark local[2] and
// a Spark standalone master + worker) gives the same warehouse rows, top-X and
// totals on an edge-case sample (engine-sample.ts), through a first
// compaction (X = 10) and a recompaction after late files (X = 20). A
// statement that fails aborts the day and leaves the warehouse as it was.
// Each engine has its own HDFS root inside one isolated world; HBase views
// are rewritten by each run with the same values.

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, type Config } from '../../common/config';
import { dayRange, eventDay, INT64_MAX, warehouseDayDir, warehouseManifestPath } from '../../common/contract';
import { createLogger } from '../../common/log';
import {
  duckdbEngine,
  ensureSpark,
  runBatch,
  sparkEngine,
  sparkVenvDir,
  SqlEngineError,
  type DayReport,
  type SparkInstall,
  type SqlEngine,
} from '../../batch-layer';
import { loadReference } from '../../reference-data';
import { loadDayReport } from '../../batch-layer';
import { runCli } from '../helpers/run-cli';
import { createBatchWorld, readHourCounts, readWarehouse, type BatchWorld, type WarehouseRecord } from './batch-fixture';
import { engineSample, sampleReferenceCsv, UNKNOWN_LOCATION, writeSampleFiles } from './engine-sample';
import { startSparkStandalone, type SparkStandalone } from './spark-standalone';

const DAY_MS = 86_400_000;

interface Outcome {
  readonly rows: WarehouseRecord[];
  readonly totals: DayReport['totals'];
  readonly topItems: DayReport['topItems'];
}

describe('batch engines give identical outputs', function () {
  this.timeout(30 * 60_000);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  // Beyond the HBase TTLs: no reconciliation, so runs differ only by their engine.
  const day = eventDay(today - 60 * DAY_MS);
  const sample = engineSample(day);
  let world: BatchWorld;
  let spark: SparkInstall;
  const outcomes = new Map<string, Outcome[]>();

  before(async () => {
    world = await createBatchWorld('engines', { BATCH_TOP_X: '10' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engines-ref-'));
    fs.writeFileSync(path.join(dir, 'locations.csv'), sampleReferenceCsv());
    await loadReference(world.config, path.join(dir, 'locations.csv'), world.logger, 'v1');
    fs.rmSync(dir, { recursive: true, force: true });
    spark = await ensureSpark(world.config.home, world.config.batch.pysparkVersion, createLogger('spark-install', 'info'));
  });

  after(async () => {
    await world?.remove();
  });

  function configFor(name: string, topX: number): Config {
    return {
      ...world.config,
      hdfs: { ...world.config.hdfs, root: `${world.config.hdfs.root}/${name}` },
      batch: { ...world.config.batch, topX },
    };
  }

  const sorted = (rows: WarehouseRecord[]): WarehouseRecord[] =>
    [...rows].sort((a, b) =>
      a.location !== b.location
        ? a.location < b.location
          ? -1
          : 1
        : a.ts !== b.ts
          ? a.ts - b.ts
          : a.oid < b.oid
            ? -1
            : a.oid > b.oid
              ? 1
              : 0,
    );

  async function outcome(config: Config, report: DayReport): Promise<Outcome> {
    return {
      rows: sorted(await readWarehouse(world, warehouseDayDir(config.hdfs.root, day))),
      totals: report.totals,
      topItems: report.topItems,
    };
  }

  /** Field by field, so a difference shows as a readable diff. */
  function expectSame(name: string, got: Outcome[]): void {
    const want = outcomes.get('node')!;
    for (const pass of [0, 1]) {
      expect(got[pass]!.totals, `${name} pass ${pass + 1} totals`).to.deep.equal(want[pass]!.totals);
      const top = (t: DayReport['topItems']) => t.map((x) => JSON.stringify(x));
      const extra = top(got[pass]!.topItems).filter((x) => !top(want[pass]!.topItems).includes(x));
      const missing = top(want[pass]!.topItems).filter((x) => !top(got[pass]!.topItems).includes(x));
      expect({ extra, missing }, `${name} pass ${pass + 1} top-X rows`).to.deep.equal({ extra: [], missing: [] });
      expect(top(got[pass]!.topItems), `${name} pass ${pass + 1} top-X order`).to.deep.equal(top(want[pass]!.topItems));
      expect(got[pass]!.rows.length, `${name} pass ${pass + 1} rows`).to.equal(want[pass]!.rows.length);
      const differs = got[pass]!.rows.findIndex(
        (r, i) =>
          JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) !==
          JSON.stringify(want[pass]!.rows[i], (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      );
      expect(
        differs === -1 ? undefined : [got[pass]!.rows[differs], want[pass]!.rows[differs]],
        `${name} pass ${pass + 1} first differing row`,
      ).to.equal(undefined);
    }
  }

  /** Pass 1 with --date (X = 10), then pass 2's late files picked up by a plain run (X = 20). */
  async function runEngine(name: string, engine: 'node' | 'duckdb' | 'spark', sqlEngine?: SqlEngine): Promise<Outcome[]> {
    const first = configFor(name, 10);
    await writeSampleFiles(world.hdfs, first.hdfs.root, 'detections', sample.pass1);
    const deps = (config: Config) => ({ config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger });
    const run1 = await runBatch(deps(first), { date: day, engine, ...(sqlEngine ? { sqlEngine } : {}) });
    const pass1 = await outcome(
      first,
      run1.days.find((d) => d.day === day)!,
    );
    const second = configFor(name, 20);
    await writeSampleFiles(world.hdfs, second.hdfs.root, 'detections', sample.pass2);
    const run2 = await runBatch(deps(second), { engine, ...(sqlEngine ? { sqlEngine } : {}) });
    const report2 = run2.days.find((d) => d.day === day);
    expect(report2?.recompaction, `${name}: the late files recompacted ${day}`).to.equal(true);
    const out = [pass1, await outcome(second, report2!)];
    outcomes.set(name, out);
    return out;
  }

  it('node: the hand-written compaction gets the edge cases right', async () => {
    const [pass1, pass2] = await runEngine('node', 'node');
    const byOid = new Map(pass1!.rows.map((r) => [r.oid, r]));
    expect(byOid.get(INT64_MAX)?.item).to.equal('max-oid-resend-p0');
    expect(byOid.get(INT64_MAX - 1n)?.item).to.equal('first-ms');
    expect(byOid.get(INT64_MAX - 2n)?.item).to.equal('last-ms');
    expect(byOid.has(INT64_MAX - 3n) || byOid.has(INT64_MAX - 4n), 'rows of the days around it').to.equal(false);
    expect(byOid.get(42n)?.name).to.equal(null);
    expect(byOid.get(46n)?.item).to.equal('will-lose-later');
    // Late: the winners Kafka received at or after the day's end (4 edge rows, and a bulk row or so near midnight).
    const { startMs, endMs } = dayRange(day);
    const winners = new Map<bigint, { p: number; o: bigint; kts: number }>();
    for (const r of sample.pass1.flatMap((f) => f.rows)) {
      if (r.timestampDetected < startMs || r.timestampDetected >= endMs) continue;
      const w = winners.get(r.detectionOid);
      if (!w || r.partition < w.p || (r.partition === w.p && r.offset < w.o))
        winners.set(r.detectionOid, { p: r.partition, o: r.offset, kts: r.kafkaTimestamp });
    }
    const late = [...winners.values()].filter((w) => w.kts >= endMs).length;
    expect(late).to.be.at.least(4);
    expect(pass1!.totals).to.include({ lateEvents: late, invalidEvents: 2, uniqueDetections: winners.size });
    expect(pass1!.totals.unknownLocationEvents).to.equal(2);
    const location5 = pass1!.topItems.filter((t) => t.geographical_location_oid === '5').map((t) => t.item_name);
    expect(location5.indexOf('Ｚebra')).to.be.lessThan(location5.indexOf('😀smile'));
    expect(pass1!.topItems.filter((t) => t.geographical_location_oid === '7')).to.have.length(10);
    expect(pass1!.topItems.find((t) => t.geographical_location_oid === '1')?.geographical_location).to.equal('Plätz 1');
    const after = new Map(pass2!.rows.map((r) => [r.oid, r]));
    expect(after.get(46n)?.item).to.equal('wins-from-late-file');
    expect(after.get(INT64_MAX)?.item).to.equal('max-oid-resend-p0');
    expect(pass2!.rows).to.have.length(pass1!.rows.length + 60);
    expect(pass2!.topItems.filter((t) => t.geographical_location_oid === '7')).to.have.length(20);
    expect(pass2!.totals.unknownLocationEvents).to.equal(2);
    expect(String(UNKNOWN_LOCATION)).to.equal('999');
  });

  it("an analyst reads the warehouse from hdfs:// with pyspark and gets the batch views' counts", async () => {
    const uri = `${world.config.hdfs.namenodeRpc}${configFor('node', 10).hdfs.root}/warehouse/detections`;
    const script = path.join(repoRoot, 'ops', 'analysts', 'warehouse_counts.py');
    const run = spawnSync(path.join(sparkVenvDir(world.config.home), 'bin', 'python'), [script, uri, day, day], {
      encoding: 'utf8',
      env: {
        ...process.env,
        SPARK_LOCAL_IP: '127.0.0.1',
        HADOOP_USER_NAME: world.config.hdfs.user,
        PYSPARK_SUBMIT_ARGS: '--master local[1] pyspark-shell',
      },
      maxBuffer: 1 << 26,
    });
    expect(run.status, run.stderr.slice(-3000)).to.equal(0);
    const spark = new Map<string, number>();
    for (const line of run.stdout.trim().split('\n')) {
      const row = JSON.parse(line) as { dt: string; geographical_location_oid: string; item_name: string; detections: number };
      expect(row.dt).to.equal(day);
      spark.set(`${row.geographical_location_oid}|${row.item_name}`, row.detections);
    }
    const locations = [...Array.from({ length: 12 }, (_, i) => BigInt(i + 1)), UNKNOWN_LOCATION];
    const views = new Map<string, number>();
    for (const [key, count] of await readHourCounts(world, day, locations)) {
      const [loc, , item] = key.split('|');
      views.set(`${loc}|${item}`, (views.get(`${loc}|${item}`) ?? 0) + count);
    }
    expect(spark.size).to.be.greaterThan(50);
    expect(Object.fromEntries(spark)).to.deep.equal(Object.fromEntries(views));
  });

  it('duckdb: the same warehouse rows, top-X and totals', async () => {
    expectSame('duckdb', await runEngine('duckdb', 'duckdb'));
  });

  it('`utopia batch run --engine spark` (local[2]): the same warehouse partition, top-X and report', async () => {
    // The CLI as an operator runs it: engine from --engine, master and settings from the environment.
    const name = 'spark-cli';
    const env = (topX: number) => ({
      ...world.env,
      HDFS_ROOT: configFor(name, topX).hdfs.root,
      BATCH_TOP_X: String(topX),
      BATCH_SPARK_MASTER: 'local[2]',
      UTOPIA_LOG_LEVEL: 'info',
    });
    const reportOf = async (topX: number): Promise<DayReport> =>
      JSON.parse((await loadDayReport(world.hdfs, configFor(name, topX).hdfs.root, day))!) as DayReport;
    await writeSampleFiles(world.hdfs, configFor(name, 10).hdfs.root, 'detections', sample.pass1);
    const run1 = await runCli(['batch', 'run', '--date', day, '--engine', 'spark'], env(10));
    expect(run1.code, run1.stderr.slice(-3000)).to.equal(0);
    expect(run1.stderr).to.match(/spark-sql --master local\[2\]/);
    const report1 = await reportOf(10);
    expect(report1.engine).to.equal('spark');
    const pass1 = await outcome(configFor(name, 10), report1);
    await writeSampleFiles(world.hdfs, configFor(name, 20).hdfs.root, 'detections', sample.pass2);
    const run2 = await runCli(['batch', 'run', '--engine', 'spark'], env(20));
    expect(run2.code, run2.stderr.slice(-3000)).to.equal(0);
    const report2 = await reportOf(20);
    expect(report2.recompaction).to.equal(true);
    expectSame('spark (cli)', [pass1, await outcome(configFor(name, 20), report2)]);
  });

  describe('on a Spark standalone master and worker (loopback, port 17077)', () => {
    let cluster: SparkStandalone | undefined;
    before(async () => {
      cluster = await startSparkStandalone(spark);
    });
    after(async () => {
      await cluster?.stop();
    });

    it('reads the landing files from hdfs:// and gives the same outputs', async () => {
      const engine = sparkEngine({
        install: spark,
        master: cluster!.master,
        conf: [
          ['spark.executor.memory', '1g'],
          ['spark.cores.max', '2'],
        ],
        io: 'hdfs',
        workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'spark-job-')),
        hdfsUser: world.config.hdfs.user,
      });
      expectSame('spark standalone', await runEngine('spark-standalone', 'spark', engine));
    });
  });

  it('a failing statement aborts the day, reaches the log readably and leaves the warehouse untouched', async () => {
    const config = configFor('duckdb', 20);
    const dir = warehouseDayDir(config.hdfs.root, day);
    const before = {
      rows: sorted(await readWarehouse(world, dir)),
      manifest: (await world.hdfs.readFile(warehouseManifestPath(config.hdfs.root, day))).toString(),
    };
    const lines: string[] = [];
    const logger = createLogger('batch', 'info', (line) => lines.push(line));
    // Spark runs the whole job, writes its outputs, then fails on the last statement.
    const failing = sparkEngine({
      install: spark,
      master: 'local[1]',
      conf: [],
      io: 'local',
      workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'spark-job-')),
      hdfsUser: world.config.hdfs.user,
    });
    const engine: SqlEngine = { ...failing, run: (statements, log) => failing.run([...statements, 'SELECT 1 / 0 AS broken'], log) };
    const error = await runBatch(
      { config, hdfs: world.hdfs, hbase: world.hbase, logger },
      { date: day, engine: 'spark', sqlEngine: engine },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(SqlEngineError);
    expect((error as Error).message)
      .to.match(/DIVIDE_BY_ZERO/)
      .and.match(/statement \d+\/\d+/);
    expect(
      lines.some((l) => /ERROR.*spark: .*DIVIDE_BY_ZERO/.test(l)),
      lines.join('\n'),
    ).to.equal(true);
    expect(sorted(await readWarehouse(world, dir))).to.deep.equal(before.rows);
    expect((await world.hdfs.readFile(warehouseManifestPath(config.hdfs.root, day))).toString()).to.equal(before.manifest);
    // And the same run without the broken statement goes through.
    const duck = duckdbEngine({ tempDir: fs.mkdtempSync(path.join(os.tmpdir(), 'duck-')) });
    const ok = await runBatch({ config, hdfs: world.hdfs, hbase: world.hbase, logger }, { date: day, engine: 'duckdb', sqlEngine: duck });
    expect(ok.days.find((d) => d.day === day)?.totals).to.deep.equal(outcomes.get('node')![1]!.totals);
  });
});
