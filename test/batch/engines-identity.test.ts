// Issue 17: every engine of the nightly day (node, duckdb, spark local[2] and
// a Spark standalone master + worker) gives the same warehouse rows, top-X and
// totals on an edge-case sample (engine-sample.ts), through a first
// compaction (X = 10) and a recompaction after late files (X = 20). A
// statement that fails aborts the day and leaves the warehouse as it was.
// Each engine has its own HDFS root inside one isolated world; HBase views
// are rewritten by each run with the same values.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../common/config';
import { eventDay, INT64_MAX, warehouseDayDir, warehouseManifestPath } from '../../common/contract';
import { createLogger } from '../../common/log';
import { duckdbEngine, ensureSpark, runBatch, sparkEngine, SqlEngineError, type DayReport, type SparkInstall, type SqlEngine } from '../../batch-layer';
import { loadReference } from '../../reference-data';
import { createBatchWorld, readWarehouse, type BatchWorld, type WarehouseRecord } from './batch-fixture';
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
    return { ...world.config, hdfs: { ...world.config.hdfs, root: `${world.config.hdfs.root}/${name}` }, batch: { ...world.config.batch, topX } };
  }

  const sorted = (rows: WarehouseRecord[]): WarehouseRecord[] =>
    [...rows].sort((a, b) => (a.location !== b.location ? (a.location < b.location ? -1 : 1) : a.ts !== b.ts ? a.ts - b.ts : a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));

  async function outcome(config: Config, report: DayReport): Promise<Outcome> {
    return { rows: sorted(await readWarehouse(world, warehouseDayDir(config.hdfs.root, day))), totals: report.totals, topItems: report.topItems };
  }

  /** Pass 1 with --date (X = 10), then pass 2's late files picked up by a plain run (X = 20). */
  async function runEngine(name: string, engine: 'node' | 'duckdb' | 'spark', sqlEngine?: SqlEngine): Promise<Outcome[]> {
    const first = configFor(name, 10);
    await writeSampleFiles(world.hdfs, first.hdfs.root, 'detections', sample.pass1);
    const deps = (config: Config) => ({ config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger });
    const run1 = await runBatch(deps(first), { date: day, engine, ...(sqlEngine ? { sqlEngine } : {}) });
    const pass1 = await outcome(first, run1.days.find((d) => d.day === day)!);
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
    expect(pass1!.totals).to.include({ lateEvents: 4, invalidEvents: 2 });
    expect(pass1!.totals.unknownLocationEvents).to.equal(2);
    const location5 = pass1!.topItems.filter((t) => t.geographical_location_oid === '5').map((t) => t.item_name);
    expect(location5.indexOf('Ｚebra')).to.be.lessThan(location5.indexOf('😀smile'));
    expect(pass1!.topItems.filter((t) => t.geographical_location_oid === '7')).to.have.length(10);
    const late = new Map(pass2!.rows.map((r) => [r.oid, r]));
    expect(late.get(46n)?.item).to.equal('wins-from-late-file');
    expect(late.get(INT64_MAX)?.item).to.equal('max-oid-resend-p0');
    expect(pass2!.rows).to.have.length(pass1!.rows.length + 60);
    expect(pass2!.topItems.filter((t) => t.geographical_location_oid === '7')).to.have.length(20);
    expect(pass2!.totals.unknownLocationEvents).to.equal(2);
    expect(String(UNKNOWN_LOCATION)).to.equal('999');
  });

  it('duckdb: the same warehouse rows, top-X and totals', async () => {
    expect(await runEngine('duckdb', 'duckdb')).to.deep.equal(outcomes.get('node'));
  });

  it('spark local[2]: the same warehouse rows, top-X and totals', async () => {
    const engine = sparkEngine({ install: spark, master: 'local[2]', conf: [], io: 'local', workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'spark-job-')), hdfsUser: world.config.hdfs.user });
    expect(await runEngine('spark-local', 'spark', engine)).to.deep.equal(outcomes.get('node'));
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
        install: spark, master: cluster!.master, conf: [['spark.executor.memory', '1g'], ['spark.cores.max', '2']], io: 'hdfs',
        workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'spark-job-')), hdfsUser: world.config.hdfs.user,
      });
      expect(await runEngine('spark-standalone', 'spark', engine)).to.deep.equal(outcomes.get('node'));
    });
  });

  it('a failing statement aborts the day, reaches the log readably and leaves the warehouse untouched', async () => {
    const config = configFor('duckdb', 20);
    const dir = warehouseDayDir(config.hdfs.root, day);
    const before = { rows: sorted(await readWarehouse(world, dir)), manifest: (await world.hdfs.readFile(warehouseManifestPath(config.hdfs.root, day))).toString() };
    const lines: string[] = [];
    const logger = createLogger('batch', 'info', (line) => lines.push(line));
    // Spark runs the whole job, writes its outputs, then fails on the last statement.
    const failing = sparkEngine({ install: spark, master: 'local[1]', conf: [], io: 'local', workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'spark-job-')), hdfsUser: world.config.hdfs.user });
    const engine: SqlEngine = { ...failing, run: (statements, log) => failing.run([...statements, 'SELECT 1 / 0 AS broken'], log) };
    const error = await runBatch({ config, hdfs: world.hdfs, hbase: world.hbase, logger }, { date: day, engine: 'spark', sqlEngine: engine }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(SqlEngineError);
    expect((error as Error).message).to.match(/DIVIDE_BY_ZERO/).and.match(/statement \d+\/\d+/);
    expect(lines.some((l) => /ERROR.*spark: .*DIVIDE_BY_ZERO/.test(l)), lines.join('\n')).to.equal(true);
    expect(sorted(await readWarehouse(world, dir))).to.deep.equal(before.rows);
    expect((await world.hdfs.readFile(warehouseManifestPath(config.hdfs.root, day))).toString()).to.equal(before.manifest);
    // And the same run without the broken statement goes through.
    const duck = duckdbEngine({ tempDir: fs.mkdtempSync(path.join(os.tmpdir(), 'duck-')) });
    const ok = await runBatch({ config, hdfs: world.hdfs, hbase: world.hbase, logger }, { date: day, engine: 'duckdb', sqlEngine: duck });
    expect(ok.days.find((d) => d.day === day)?.totals).to.deep.equal(outcomes.get('node')![1]!.totals);
  });
});
