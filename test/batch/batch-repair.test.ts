// Issue 4 acceptance on the real stack: reconciliation repairs deleted HBase
// detection rows and corrupted live counts and lists them; two runs started
// together never overlap (one refuses clearly, or waits) and the result stays
// exact; a corrupt landing file is quarantined and the exit status says so.

import { expect } from 'chai';
import {
  lockPath,
  COUNT_HORIZON_ROW,
  countRowKey,
  decodeCountHorizon,
  decodePartitionCount,
  FAMILIES,
  detectionRowKey,
  detectionTableName,
  eventDay,
  landingPartitionDir,
  liveCountsTableName,
  metaTableName,
  quarantineDir,
  warehouseDayDir,
} from '../../common/contract';
import { runBatch, type DayReport } from '../../batch-layer';
import { cellValue } from '../../common/hbase';
import { generateEvents, produceEvents, truthOf, type SentEvent } from '../helpers/batch-events';
import { CliProcess } from '../helpers/cli-process';
import { parseJson } from '../helpers/api-bodies';
import { runCli } from '../helpers/run-cli';
import { landedWinners, speedCounts, writeSpeedCounts, writeSpeedRows } from './speed-view-writer';
import { createBatchWorld, landAll, readWarehouse, waitFor, type BatchWorld } from './batch-fixture';

const DAY_MS = 86_400_000;

describe('batch reconciliation, locking and bad input', function () {
  this.timeout(10 * 60_000);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const day = eventDay(today - 2 * DAY_MS);
  let world: BatchWorld;
  let events: SentEvent[];
  const deps = () => ({ config: world.config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger });

  before(async () => {
    world = await createBatchWorld('repair');
    events = generateEvents({
      seed: 7,
      days: [day],
      perDay: 800,
      locations: 4,
      hotShare: 0.5,
      items: 6,
      duplicateRate: 0.05,
      firstOid: 1000n,
    });
    await produceEvents(world.config, events);
    await landAll(world, events.length);
  });

  after(async () => {
    await world?.remove();
  });

  it('repairs rows the speed layer missed and drifted live counts, reports rows only HBase has', async () => {
    const ns = world.config.hbase.namespace;
    const winners = await landedWinners(world);
    expect(winners).to.have.length(truthOf(events, day).rows.size);
    // The speed layer missed five detections...
    const missed = winners.slice(10, 15).map((e) => e.oid);
    await writeSpeedRows(
      world,
      winners.filter((e) => !missed.includes(e.oid)),
    );
    // ...and holds one the warehouse will not have.
    await writeSpeedRows(world, [{ ...winners[0]!, oid: 999_999n, offset: 123_456n }]);
    // Its live counts are right except three drifted rows, two missing rows and one for a minute without events.
    const counts = speedCounts(winners);
    const drifted = [...counts].filter(([row]) => row.startsWith('69')).slice(0, 3);
    for (const [, cells] of drifted) for (const [p, c] of cells) cells.set(p, { ...c, count: c.count + 10n });
    // ...two rows of counts it never wrote...
    const lost = [...counts].filter(([row]) => !drifted.some(([d]) => d === row)).slice(-2);
    for (const [row] of lost) counts.delete(row);
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const ghostRow = countRowKey({
      granularity: 'minute',
      scope: 'item',
      locationOid: 2n,
      bucketStartMs: dayStart,
      itemName: 'ghost-item',
    }).toString('hex');
    counts.set(ghostRow, new Map([[0, { count: 3n, lastOffset: 5n, minute: dayStart }]]));
    await writeSpeedCounts(world, counts);
    const driftedCells = drifted.reduce((n, [, cells]) => n + cells.size, 0) + lost.reduce((n, [, cells]) => n + cells.size, 0);

    const result = await runBatch(deps());
    const report = result.days[0] as DayReport;
    const rows = report.reconciliation.detectionRows;
    const live = report.reconciliation.liveCounts;
    if (rows.skipped !== undefined || live.skipped !== undefined) throw new Error('reconciliation skipped');
    expect(rows.repaired).to.equal(5);
    expect(rows.repairedOids.slice().sort()).to.deep.equal(missed.map(String).sort());
    expect(rows.masked).to.equal(0);
    expect(rows.hbaseOnly).to.equal(1);
    expect(rows.hbaseOnlyOids).to.deep.equal(['999999']);
    expect(live.cellsCorrected).to.equal(driftedCells + 1);
    expect(live.corrections.some((c) => c.itemName === 'ghost-item' && c.before === '3' && c.after === '0')).to.equal(true);
    for (const oid of missed) expect(await world.hbase.get(detectionTableName(ns), detectionRowKey(oid))).to.not.equal(null);
    const right = speedCounts(winners);
    for (const [row] of [...drifted, ...lost]) {
      const now = await world.hbase.get(liveCountsTableName(ns), Buffer.from(row, 'hex'));
      expect(now?.cells.length, row).to.equal(right.get(row)?.size);
      for (const cell of now?.cells ?? [])
        expect(decodePartitionCount(cell.value).count).to.equal(right.get(row)?.get(Number(cell.qualifier.slice(1)))?.count);
    }
    // Before creating the lost cells, the reconciliation raised their partitions' count horizons over the day.
    const horizons = await world.hbase.get(metaTableName(ns), Buffer.from(COUNT_HORIZON_ROW));
    for (const [, cells] of lost)
      for (const partition of cells.keys())
        expect(decodeCountHorizon(cellValue(horizons, FAMILIES.meta, `p${partition}`)), `p${partition}`).to.be.at.least(
          dayStart + 86_400_000 - 1,
        );
    const shown = await runCli(['report', 'show', '--date', day, '--format', 'csv'], world.env);
    expect(shown.stdout)
      .to.include('rows_repaired,5')
      .and.include(`live_count_cells_corrected,${driftedCells + 1}`);

    // A second run finds nothing to correct.
    const again = await runBatch(deps(), { date: day });
    const againRows = again.days[0]!.reconciliation.detectionRows;
    const againLive = again.days[0]!.reconciliation.liveCounts;
    expect(againRows.skipped === undefined && againRows.repaired).to.equal(0);
    expect(againLive.skipped === undefined && againLive.cellsCorrected).to.equal(0);

    // Rows deleted from HBase leave delete markers that mask a repair at timestamp_detected: reported, not hidden.
    for (const oid of missed.slice(0, 2)) await world.hbase.delete(detectionTableName(ns), detectionRowKey(oid));
    const afterDelete = (await runBatch(deps(), { date: day })).days[0]!.reconciliation.detectionRows;
    if (afterDelete.skipped !== undefined) throw new Error('skipped');
    expect(afterDelete.repaired).to.equal(2);
    expect(afterDelete.masked).to.equal(2);
    expect(afterDelete.maskedOids.slice().sort()).to.deep.equal(missed.slice(0, 2).map(String).sort());
  });

  it('runs two batches started together one at a time: one refuses clearly, or waits; the result stays exact', async () => {
    const [a, b] = await Promise.all([
      runCli(['batch', 'run', '--date', day], world.env),
      runCli(['batch', 'run', '--date', day], world.env),
    ]);
    expect([a.code, b.code].sort()).to.deep.equal([0, 75]);
    expect((a.code === 75 ? a : b).stderr).to.include('another batch run holds the lock');
    const both = await Promise.all([
      runBatch(deps(), { date: day, lockWaitMs: 120_000 }),
      runBatch(deps(), { date: day, lockWaitMs: 120_000 }),
    ]);
    expect(both.map((r) => r.exitCode)).to.deep.equal([0, 0]);
    const truth = truthOf(events, day);
    const rows = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, day));
    expect(rows.map((r) => `${r.oid}|${r.item}`).sort()).to.deep.equal(
      [...truth.rows.values()].map((e) => `${e.event.detectionOid}|${e.event.itemName}`).sort(),
    );
  });

  it('takes over the lock of a crashed run once its lease has passed, not before', async () => {
    const env = { ...world.env, BATCH_LOCK_LEASE_S: '8' };
    const lock = lockPath(world.config.hdfs.root, 'batch');
    const crashed = new CliProcess(env, 'batch', 'batch-crash', ['run', '--date', day]);
    crashed.start();
    await waitFor(() => world.hdfs.exists(lock), 60_000, 'the first run to take the lock');
    expect(await crashed.stop('SIGKILL'), 'the first run was killed while holding the lock').to.equal(-1);
    const killedAt = Date.now();
    const refused = await runCli(['batch', 'run', '--date', day], env);
    expect(Date.now() - killedAt, 'the refusal came within the lease').to.be.below(8000);
    expect(refused.code, refused.stderr).to.equal(75);
    expect(refused.stderr).to.include('another batch run holds the lock');
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 9000 - Date.now())));
    const takeover = await runCli(['batch', 'run', '--date', day], env);
    expect(takeover.code, takeover.stderr).to.equal(0);
    expect(await world.hdfs.exists(lock), 'the lock is released after the run').to.equal(false);
    const truth = truthOf(events, day);
    const rows = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, day));
    expect(rows.map((r) => `${r.oid}|${r.item}`).sort()).to.deep.equal(
      [...truth.rows.values()].map((e) => `${e.event.detectionOid}|${e.event.itemName}`).sort(),
    );
  });

  it('quarantines a corrupt or truncated landing file, reports it and exits non-zero', async () => {
    const root = world.config.hdfs.root;
    const topic = world.config.kafka.detectionsTopic;
    const [good] = (await world.hdfs.list(landingPartitionDir(root, 0))).filter((e) => e.name.endsWith('.parquet'));
    const bytes = await world.hdfs.readFile(`${landingPartitionDir(root, 0)}/${good!.name}`);
    const truncated = `${topic}+0+00000000000000990000+00000000000000990010.parquet`;
    const garbage = `${topic}+0+00000000000000990011+00000000000000990020.parquet`;
    await world.hdfs.upload(`${landingPartitionDir(root, 0)}/${truncated}`, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await world.hdfs.upload(
      `${landingPartitionDir(root, 0)}/${garbage}`,
      Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(200, 7), Buffer.from('PAR1')]),
    );
    const run = await runCli(['batch', 'run'], world.env);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.include('quarantined').and.include(truncated).and.include(garbage);
    expect(parseJson<{ quarantined: string[] }>(run.stdout).quarantined.sort()).to.deep.equal([truncated, garbage].sort());
    expect(await world.hdfs.exists(`${landingPartitionDir(root, 0)}/${truncated}`)).to.equal(false);
    const quarantined = await world.hdfs.list(quarantineDir(root));
    const names = (await Promise.all(quarantined.map((d) => world.hdfs.list(`${quarantineDir(root)}/${d.name}`))))
      .flat()
      .map((e) => e.name);
    expect(names).to.include.members([truncated, garbage]);
    const again = await runCli(['batch', 'run'], world.env);
    expect(again.code, again.stderr).to.equal(0); // nothing left to quarantine, nothing new to compact
  });
});
