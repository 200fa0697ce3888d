// Issue 4 acceptance on the real stack: two event days with duplicates, late
// events, a hot location and a SIGKILLed landing writer; the warehouse and
// batch views equal the truth; a second run changes nothing; a late event
// for a closed day appears after the next run; DuckDB agrees with the views.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { eventDay, warehouseDayDir, warehouseManifestPath, reportsDayDir } from '../../common/contract';
import { runBatch } from '../../batch-layer';
import { generateEvents, produceEvents, truthHourCounts, truthOf, truthTopX, type SentEvent } from '../helpers/batch-events';
import { parseJson } from '../helpers/api-bodies';
import { runCli } from '../helpers/run-cli';
import {
  createBatchWorld,
  landAll,
  landedMessages,
  landingFiles,
  readHourCounts,
  readTopItems,
  readWarehouse,
  startLandingProcess,
  stopProcess,
  waitFor,
  type BatchWorld,
} from './batch-fixture';

const DAY_MS = 86_400_000;

describe('batch layer end to end', function () {
  this.timeout(10 * 60_000);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const d1 = eventDay(today - 3 * DAY_MS);
  const d2 = eventDay(today - 2 * DAY_MS);
  let world: BatchWorld;
  let events: SentEvent[];
  const invalid = Array.from({ length: 5 }, (_, i) => ({
    key: `bad-${i}`,
    value: i % 2 === 1 ? '{not json' : '{"detection_oid":"-4"}',
    kafkaTimestamp: today - 3 * DAY_MS + 3_600_000,
  }));
  let produced = 0;

  before(async () => {
    world = await createBatchWorld('batch');
    events = generateEvents({
      seed: 42,
      days: [d1, d2],
      perDay: 1500,
      locations: 6,
      hotShare: 0.4,
      items: 12,
      duplicateRate: 0.08,
      firstOid: 2n ** 53n + 1n,
    });
  });

  after(async () => {
    await world?.remove();
  });

  const deps = () => ({ config: world.config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger });

  it('lands every valid event exactly once through a SIGKILL of the landing writer', async () => {
    const half = Math.floor(events.length / 2);
    await produceEvents(world.config, events.slice(0, half), invalid);
    produced = half + invalid.length;
    let writer = startLandingProcess(world);
    await waitFor(async () => (await landingFiles(world)).length >= 2, 90_000, 'first landing files');
    await stopProcess(writer, 'SIGKILL');
    await produceEvents(world.config, events.slice(half));
    produced += events.length - half;
    writer = startLandingProcess(world);
    await waitFor(async () => landedMessages(await landingFiles(world)) >= produced, 120_000, `all ${produced} messages landed`);
    await stopProcess(writer, 'SIGTERM');
    const files = await landingFiles(world);
    expect(landedMessages(files)).to.equal(produced);
    for (const partition of new Set(files.map((f) => f.partition))) {
      const ranges = files.filter((f) => f.partition === partition).sort((a, b) => (a.startOffset < b.startOffset ? -1 : 1));
      for (let i = 1; i < ranges.length; i++)
        expect(ranges[i]!.startOffset > ranges[i - 1]!.endOffset, `overlap in partition ${partition}`).to.equal(true);
    }
  });

  it('compacts both days into a warehouse and views equal to the truth', async () => {
    const result = await runBatch(deps());
    expect(result.exitCode).to.equal(0);
    expect(result.days.map((d) => d.day)).to.deep.equal([d1, d2]);
    expect(result.watermark).to.equal(d2);
    for (const day of [d1, d2]) {
      const truth = truthOf(events, day);
      const rows = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, day));
      expect(rows).to.have.length(truth.rows.size);
      for (const row of rows) {
        const expected = truth.rows.get(row.oid)?.event;
        expect(expected, `oid ${row.oid}`).to.not.equal(undefined);
        expect([row.location, row.camera, row.item, row.ts]).to.deep.equal([
          expected!.geographicalLocationOid,
          expected!.videoCameraOid,
          expected!.itemName,
          expected!.timestampDetected,
        ]);
      }
      const report = result.days.find((d) => d.day === day)!;
      const late = [...truth.rows.values()].filter((e) => e.kafkaTimestamp >= Date.parse(`${day}T00:00:00Z`) + DAY_MS).length;
      expect(report.totals).to.include({
        landedRows: truth.sent,
        uniqueDetections: truth.rows.size,
        duplicatesDropped: truth.duplicates,
        lateEvents: late,
        invalidEvents: day === d1 ? 5 : 0,
      });
      expect(Object.fromEntries(await readHourCounts(world, day, [1n, 2n, 3n, 4n, 5n, 6n]))).to.deep.equal(
        Object.fromEntries(truthHourCounts(truth)),
      );
      expect(await readTopItems(world, day)).to.deep.equal(truthTopX(truth, 5));
      if (report.reconciliation.detectionRows.skipped === undefined)
        expect(report.reconciliation.detectionRows.repaired).to.equal(truth.rows.size); // no speed layer ran: all repaired
      for (const name of ['report.json', 'report.csv', 'report.html'])
        expect(await world.hdfs.exists(`${reportsDayDir(world.config.hdfs.root, day)}/${name}`), name).to.equal(true);
    }
  });

  it('changes nothing on a second run, and rebuilds the same day on --date', async () => {
    const manifest = (await world.hdfs.readFile(warehouseManifestPath(world.config.hdfs.root, d1))).toString();
    const again = await runBatch(deps());
    expect(again.days).to.have.length(0);
    expect((await world.hdfs.readFile(warehouseManifestPath(world.config.hdfs.root, d1))).toString()).to.equal(manifest);
    const before = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, d1));
    const rebuilt = await runBatch(deps(), { date: d1 });
    expect(rebuilt.days[0]!.recompaction).to.equal(true);
    expect(rebuilt.days[0]!.totals.landedRows).to.equal(truthOf(events, d1).sent);
    expect(rebuilt.days[0]!.totals.duplicatesDropped).to.equal(truthOf(events, d1).duplicates);
    const after = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, d1));
    const key = (r: { oid: bigint; item: string }) => `${r.oid}|${r.item}`;
    expect(after.map(key).sort()).to.deep.equal(before.map(key).sort());
  });

  it('recompacts a closed day when a late event for it lands', async () => {
    const old = events.find((e) => eventDay(e.event.timestampDetected) === d1)!;
    const late: SentEvent[] = [
      { event: { ...old.event, detectionOid: 2n ** 62n + 7n, itemName: 'late-item' }, kafkaTimestamp: Date.now() },
      { event: { ...old.event, itemName: 'late-duplicate' }, kafkaTimestamp: Date.now() },
    ];
    events = [...events, ...late];
    await produceEvents(world.config, late);
    produced += late.length;
    await landAll(world, produced, 'late events landed');
    const result = await runBatch(deps());
    expect(result.days.map((d) => d.day)).to.deep.equal([d1]);
    const truth = truthOf(events, d1);
    const rows = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, d1));
    expect(rows).to.have.length(truth.rows.size);
    expect(rows.find((r) => r.oid === 2n ** 62n + 7n)?.item).to.equal('late-item');
    expect(rows.find((r) => r.oid === old.event.detectionOid)?.item).to.equal(old.event.itemName);
    expect(result.days[0]!.totals).to.include({
      uniqueDetections: truth.rows.size,
      duplicatesDropped: truth.duplicates,
      landedRows: truth.sent,
    });
    expect(await readTopItems(world, d1)).to.deep.equal(truthTopX(truth, 5));
    const shown = await runCli(['report', 'show', '--date', d1], world.env);
    expect(shown.code, shown.stderr).to.equal(0);
    expect(parseJson<{ totals: { uniqueDetections: number } }>(shown.stdout).totals.uniqueDetections).to.equal(truth.rows.size);
  });

  it('DuckDB reads the warehouse files and agrees with the batch views', async () => {
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'warehouse-'));
    const dir = warehouseDayDir(world.config.hdfs.root, d2);
    for (const entry of await world.hdfs.list(dir))
      if (entry.name.endsWith('.parquet'))
        fs.writeFileSync(path.join(local, entry.name), await world.hdfs.readFile(`${dir}/${entry.name}`));
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const glob = path.join(local, '*.parquet').replace(/'/g, "''");
    const top = await connection.runAndReadAll(`
      select geographical_location_oid, item_name, item_count, item_rank from (
        select geographical_location_oid, item_name, count(distinct detection_oid) as item_count,
               row_number() over (partition by geographical_location_oid order by count(distinct detection_oid) desc, item_name asc) as item_rank
        from read_parquet('${glob}') group by 1, 2) where item_rank <= 5 order by 1, 4`);
    const duck = new Map<bigint, { item: string; count: number }[]>();
    for (const [loc, item, count] of top.getRows() as [bigint, string, bigint, bigint][]) {
      const list = duck.get(BigInt(loc)) ?? [];
      list.push({ item, count: Number(count) });
      duck.set(BigInt(loc), list);
    }
    expect(duck).to.deep.equal(await readTopItems(world, d2));
    const hours = await connection.runAndReadAll(
      `select geographical_location_oid, (timestamp_detected // 3600000) * 3600000 as h, item_name, count(*) from read_parquet('${glob}') group by 1, 2, 3`,
    );
    const duckHours = new Map<string, number>();
    for (const [loc, h, item, n] of hours.getRows() as [bigint, bigint, string, bigint][]) duckHours.set(`${loc}|${h}|${item}`, Number(n));
    expect(Object.fromEntries(duckHours)).to.deep.equal(Object.fromEntries(await readHourCounts(world, d2, [1n, 2n, 3n, 4n, 5n, 6n])));
    const exact = await connection.runAndReadAll(`select max(detection_oid) from read_parquet('${glob}')`);
    expect(BigInt(exact.getRows()[0]![0] as bigint)).to.equal([...truthOf(events, d2).rows.keys()].reduce((a, b) => (a > b ? a : b)));
    connection.closeSync();
    fs.rmSync(local, { recursive: true, force: true });
  });
});
