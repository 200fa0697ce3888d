// Issue 6: the whole pipeline under faults. One scenario over two event days
// (yesterday, closed, and today; late events reach the day before): the
// simulator publishes E2E_EVENTS events with 5 % re-sends, late and invalid
// events while the speed layer and the landing writer are SIGKILLed at random
// moments and the HDFS NameNode, Kafka and HBase are each restarted once.
// Then the nightly batch runs for the closed days, and the API's counts and
// top-X (before and after the batch moved the watermark), the warehouse
// Parquet, the batch views, HBase and the dead-letter topic must all equal
// the simulator's truth exactly. Prints a fault table at the end.
// WARNING: restarts services of the shared stack; run nothing else beside it.

import { fixedClock } from '../../common/clock';
import { runSuiteBatch, suiteClosedDays } from './batch-step';
import { expect } from 'chai';
import { Partitioners } from 'kafkajs';
import { dayRange, eventDay, warehouseDayDir } from '../../common/contract';
import { committedOffsets, createKafka, withKafkaAdmin } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import type { BatchRunResult } from '../../batch-layer';
import type { SeedEvent } from '../../ops/bench/view-seeder';
import { computeTruth, generateEvents, publishEvents, type SimulationOptions, type Truth } from '../../ops/simulator';
import { startServing, type RunningServer } from '../../serving';
import { createBatchWorld, landedMessages, landingFiles, readTopItems, readWarehouse, type BatchWorld } from '../batch/batch-fixture';
import { parseJson, type CountsBody, type TopItemsBody } from '../helpers/api-bodies';
import { CliProcess } from '../helpers/cli-process';
import { randomName } from '../helpers/random-name';
import { restartService } from '../helpers/restart-service';
import { truthBuckets, truthTop } from '../serving/truth';
import { expectExactResult, loadSampleReference, scenarioOptions } from '../speed/scenario';
import { waitForCaughtUp, type SpeedEnv } from '../speed/speed-env';
import { FaultLog } from './fault-log';

const EVENTS = Number(process.env.E2E_EVENTS ?? 500_000);
// Publishing takes about 200 s whatever the size, so the faults below land while events still arrive.
const PUBLISH_RATE = Number(process.env.E2E_PUBLISH_RATE ?? Math.max(1000, Math.round(EVENTS / 200)));
const TOP_X = 5;
const H = 3_600_000;
const D = 24 * H;

describe('end to end: the whole pipeline under faults', function () {
  this.timeout(60 * 60_000);
  const log = createLogger('e2e', 'info');
  const now = Date.now();
  const suiteClock = fixedClock(now);
  const todayStart = Math.floor(now / D) * D;
  const yesterday = eventDay(todayStart - D);
  let world: BatchWorld;
  let speedEnv: SpeedEnv;
  let speed: CliProcess;
  let landing: CliProcess;
  let api: RunningServer | undefined;
  let truth: Truth;
  let seedEvents: SeedEvent[];
  let published = 0;
  const faults = new FaultLog(() => published);

  before(async () => {
    world = await createBatchWorld('e2e', {
      HBASE_REGIONS: '4',
      KAFKA_PARTITIONS: '12',
      SPEED_GROUP_ID: randomName('e2e-speed'),
      SPEED_REFERENCE_POLL_MS: '1000',
      LANDING_FLUSH_ROWS: '20000',
      LANDING_FLUSH_AGE_MS: '5000',
      BATCH_PART_ROWS: '200000',
      BATCH_TOP_X: String(TOP_X),
      API_LIVE_CACHE_MS: '0',
      API_SETTLED_CACHE_MS: '0',
      API_AUDIT_LOG: 'false',
      UTOPIA_LOG_LEVEL: 'info',
    });
    speedEnv = { env: world.env, config: world.config, store: world.hbase, cleanUp: () => world.remove() };
    await loadSampleReference(speedEnv);
    // Supervised as npm start runs them: a child that exits on its own is started again.
    speed = new CliProcess(world.env, 'speed', 'e2e-speed', [], true);
    landing = new CliProcess(world.env, 'landing', 'e2e-landing', [], true);
  });

  after(async function () {
    await api?.close();
    await speed?.stop('SIGKILL');
    await landing?.stop('SIGKILL');
    if (this.currentTest?.state === 'failed' || faults.entries.some((e) => e.check === 'pending')) {
      log.warn(`logs kept: ${speed?.logFile} ${landing?.logFile}`);
    }
    console.log(`\nFault table (${EVENTS} events published at ${PUBLISH_RATE}/s):\n${faults.table()}\n`);
    console.log(`Exits on their own, restarted as a supervisor would: speed ${speed?.restarts ?? 0}, landing ${landing?.restarts ?? 0}\n`);
    await world?.remove();
  });

  const deps = () => ({ config: world.config, hdfs: world.hdfs, hbase: world.hbase, logger: createLogger('e2e-batch', 'info') });

  it(`${EVENTS} events over two days survive SIGKILLs and restarts of NameNode, Kafka and HBase, exactly`, async () => {
    // Timestamps spread evenly from yesterday 00:00 to a minute ago; late events go back up to 31 h more.
    const startMs = todayStart - D;
    const options: SimulationOptions = scenarioOptions(EVENTS, { startMs, rate: (EVENTS * 1000) / (now - 60_000 - startMs) });
    truth = computeTruth(generateEvents(options), TOP_X);
    faults.start();
    seedEvents = seedEventsOf(truth);
    speed.start();
    landing.start();
    const producer = createKafka(world.config, { clientIdSuffix: 'e2e-sim', retries: 20 }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const publishing = publishEvents(producer, generateEvents(options), {
      topic: world.config.kafka.detectionsTopic,
      rate: PUBLISH_RATE,
      onSent: (batch) => void (published += batch.length),
    }).finally(() => producer.disconnect());

    const at = async (share: number) => {
      const target = Math.floor(EVENTS * Math.min(0.95, share + (Math.random() - 0.5) * 0.08));
      while (published < target) await sleep(100);
    };
    const speedGroup = world.config.speed.groupId;
    const landingGroup = world.config.landing.groupId;
    await at(0.1);
    await faults.inject(
      'SIGKILL speed layer',
      () => kill(speed),
      () => progressCheck(speedGroup, 'speed layer'),
    );
    await at(0.25);
    await faults.inject(
      'SIGKILL landing writer',
      () => kill(landing),
      () => progressCheck(landingGroup, 'landing writer'),
    );
    await at(0.4);
    await faults.inject(
      'restart HDFS NameNode (3 s down)',
      () => restartService(world.config, 'namenode', 3000, log),
      () => landedCheck(),
    );
    await at(0.6);
    await faults.inject(
      'SIGKILL speed layer',
      () => kill(speed),
      () => progressCheck(speedGroup, 'speed layer'),
    );
    await at(0.8);
    await faults.inject(
      'SIGKILL landing writer',
      () => kill(landing),
      () => progressCheck(landingGroup, 'landing writer'),
    );
    await publishing;
    log.info(`published ${published} events; the consumers work through the backlog`);
    await faults.inject(
      'restart Kafka (3 s down)',
      () => restartService(world.config, 'kafka', 3000, log),
      async () => `${await progressCheck(speedGroup, 'speed layer')}; ${await progressCheck(landingGroup, 'landing writer')}`,
    );
    await faults.inject(
      'restart HBase (3 s down)',
      () => restartService(world.config, 'hbase', 3000, log),
      () => progressCheck(speedGroup, 'speed layer'),
    );
    await sleep(Math.random() * 5000);
    await faults.inject(
      'SIGKILL speed layer',
      () => kill(speed),
      () => progressCheck(speedGroup, 'speed layer'),
    );

    // HBase rows, live counts, quality counters and the dead-letter topic equal the truth.
    await expectExactResult(speedEnv, truth, () => speed.running, 30 * 60_000);
    faults.checked(
      `HBase: ${truth.distinct} detection rows, live counts, quality counters; dead letters: ${truth.invalid.length} with reasons`,
    );
    await waitForCaughtUp(world.config, 10 * 60_000, () => landing.running, landingGroup);
    const files = await landingFiles(world);
    expect(landedMessages(files), 'landed offsets cover every published message once').to.equal(truth.published);
    faults.checked(`landing: ${files.length} files cover ${truth.published} offsets, no overlap`);
    expect(await speed.stop('SIGTERM'), speed.log().slice(-3000)).to.equal(0);
    expect(await landing.stop('SIGTERM'), landing.log().slice(-3000)).to.equal(0);
  });

  it('the API gives the truth from the speed view before the batch, and the same numbers from the batch view after it', async () => {
    api = await startServing(world.config, createLogger('e2e-api', 'warn'), { port: 0, jobEnv: world.env });
    const before = await expectApiTruth(['speed'], undefined);
    // The suite's own clock, fixed at its start: a run crossing midnight UTC must not close "today".
    const batch = await runSuiteBatch(deps(), suiteClock);
    checkBatchRun(batch);
    const after = await expectApiTruth(['batch', 'speed'], yesterday);
    expect(after, 'the same numbers from the batch view').to.deep.equal(before);
    faults.checked(`API after the batch: sources batch+speed, watermark ${yesterday}, same counts and top-${TOP_X}`);
  });

  it('the warehouse Parquet and the batch top-X of each closed day equal the truth', async () => {
    for (const day of closedDays()) {
      const ofDay = seedEvents.filter((e) => eventDay(e.timestampMs) === day);
      const want = ofDay.map((e) => `${e.detectionOid}|${e.locationOid}|${e.itemName}|${e.timestampMs}`).sort();
      const rows = await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, day));
      expect(rows.map((r) => `${r.oid}|${r.location}|${r.item}|${r.ts}`).sort(), `warehouse ${day}`).to.deep.equal(want);
      expect(rows.filter((r) => r.name === null).length, 'rows without a location name (all locations are in the sample)').to.equal(0);
      const top = await readTopItems(world, day);
      const { startMs, endMs } = dayRange(day);
      const byLocation = new Map<bigint, SeedEvent[]>();
      for (const e of ofDay) {
        const list = byLocation.get(e.locationOid);
        if (list) list.push(e);
        else byLocation.set(e.locationOid, [e]);
      }
      for (const [location, events] of byLocation) {
        const wantTop = truthTop(events, { location, fromMs: startMs, toMs: endMs }, TOP_X).map((t) => ({
          item: t.item_name,
          count: Number(t.item_count),
        }));
        expect(top.get(location), `top-${TOP_X} of location ${location} on ${day}`).to.deep.equal(wantTop);
      }
      faults.checked(`warehouse dt=${day}: ${rows.length} rows and batch top-${TOP_X} of each location equal the truth`);
    }
  });

  /** The closed days holding events: yesterday, and the day before when late events reach it. */
  function closedDays(): string[] {
    return suiteClosedDays(
      seedEvents.map((e) => e.timestampMs),
      suiteClock,
    );
  }

  function checkBatchRun(batch: BatchRunResult): void {
    expect(batch.exitCode, 'batch exit code').to.equal(0);
    expect(batch.days.map((d) => d.day)).to.deep.equal(closedDays());
    expect(batch.watermark).to.equal(yesterday);
    for (const day of batch.days) {
      const { detectionRows: rows, liveCounts: counts } = day.reconciliation;
      if (rows.skipped !== undefined || counts.skipped !== undefined)
        throw new Error(`reconciliation of ${day.day} skipped: ${rows.skipped ?? counts.skipped}`);
      expect(
        { repaired: rows.repaired, hbaseOnly: rows.hbaseOnly, corrected: counts.cellsCorrected },
        `reconciliation of ${day.day}: the speed layer left nothing to repair`,
      ).to.deep.equal({ repaired: 0, hbaseOnly: 0, corrected: 0 });
      const distinct = seedEvents.filter((e) => eventDay(e.timestampMs) === day.day).length;
      expect(day.totals.uniqueDetections, `unique detections of ${day.day}`).to.equal(distinct);
    }
    faults.checked(
      `batch: days ${batch.days.map((d) => d.day).join(', ')} compacted, watermark ${batch.watermark}, reconciliation found nothing to repair`,
    );
  }

  /** Counts by hour (all, hot location, one item) and top-X (all, hot location) over yesterday 00:00 .. now equal the truth. */
  async function expectApiTruth(sources: string[], watermark: string | undefined): Promise<unknown[]> {
    const fromMs = todayStart - D;
    const toMs = Math.ceil(now / H) * H;
    const range = `from=${yesterday}&to=${new Date(now).toISOString()}`;
    const answers: unknown[] = [];
    const item = truth.topItems['1']?.[0]?.item ?? 'car';
    for (const filter of [{}, { location: 1n }, { location: 1n, item }, { item }] as { location?: bigint; item?: string }[]) {
      const query = `/api/v1/counts?${range}&granularity=hour${filter.location !== undefined ? `&location=${filter.location}` : ''}${filter.item ? `&item=${encodeURIComponent(filter.item)}` : ''}`;
      const body = await getJson<CountsBody>(query);
      expect(
        body.sources.map((s) => s.source),
        query,
      ).to.deep.equal(sources);
      expect(body.watermark ?? undefined, query).to.equal(watermark);
      const points = body.series[0]!.points.map((p) => Number(p.count));
      expect(points, query).to.deep.equal(truthBuckets(seedEvents, { ...filter, fromMs, toMs }, H));
      answers.push(points);
    }
    for (const location of [undefined, 1n]) {
      const query = `/api/v1/top-items?${range}&limit=${TOP_X}${location !== undefined ? `&location=${location}` : ''}`;
      const body = await getJson<TopItemsBody>(query);
      const items = body.items.map((i) => ({ item_rank: i.item_rank, item_name: i.item_name, item_count: i.item_count }));
      expect(items, query).to.deep.equal(truthTop(seedEvents, { location, fromMs, toMs }, TOP_X));
      answers.push(items);
    }
    faults.checked(`API (${sources.join('+')}): hourly counts x4 and top-${TOP_X} x2 over ${yesterday} .. now equal the truth`);
    return answers;
  }

  async function getJson<T>(path: string): Promise<T> {
    const res = await fetch(`${api!.url}${path}`);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${text}`);
    return parseJson<T>(text);
  }

  async function kill(child: CliProcess): Promise<void> {
    expect(child.running, `${child.name} was running`).to.equal(true);
    await child.stop('SIGKILL');
    child.start();
  }

  /** Waits until the group commits past where it stood: the restarted consumer works again. */
  async function progressCheck(groupId: string, who: string): Promise<string> {
    const deadline = Date.now() + 5 * 60_000;
    let from = await committedTotal(groupId);
    while (from < 0 && Date.now() < deadline) {
      await sleep(500); // Kafka is still coming back
      from = await committedTotal(groupId);
    }
    while (Date.now() < deadline) {
      const ends = await endTotal();
      const committed = await committedTotal(groupId);
      if (committed > from || (committed >= ends && ends >= published)) return `${who} committed again (${committed - from} more offsets)`;
      await sleep(500);
    }
    throw new Error(`${who} made no progress within 5 minutes`);
  }

  /** After a NameNode restart: a new landing file appears in HDFS. */
  async function landedCheck(): Promise<string> {
    const before = (await landingFiles(world)).length;
    const deadline = Date.now() + 5 * 60_000;
    while (Date.now() < deadline) {
      const files = await landingFiles(world).catch(() => [] as Awaited<ReturnType<typeof landingFiles>>);
      if (files.length > before) return `landing writer renamed a new file into HDFS (${files.length - before} new)`;
      await sleep(1000);
    }
    throw new Error('no new landing file within 5 minutes of the NameNode restart');
  }

  async function committedTotal(groupId: string): Promise<number> {
    return withKafkaAdmin(world.config, {}, async (admin) => {
      const done = await committedOffsets(admin, groupId, world.config.kafka.detectionsTopic);
      return [...done.values()].reduce((sum, offset) => sum + Number(offset), 0);
    }).catch(() => -1);
  }

  async function endTotal(): Promise<number> {
    return withKafkaAdmin(world.config, {}, async (admin) =>
      (await admin.fetchTopicOffsets(world.config.kafka.detectionsTopic)).reduce((sum, p) => sum + Number(p.high), 0),
    ).catch(() => -1);
  }
});

/** The truth's winning detections in the shape the serving truth helpers take. */
function seedEventsOf(truth: Truth): SeedEvent[] {
  return Object.entries(truth.detections).map(([oid, value]) => {
    const [location, item, ts] = splitDetection(value);
    return {
      detectionOid: BigInt(oid),
      locationOid: BigInt(location),
      cameraOid: 0n,
      itemName: item,
      timestampMs: Number(ts),
      partition: 0,
      offset: 0n,
      locationName: null,
    };
  });
}

/** "<location>|<item>|<timestamp>"; the item may itself hold '|'. */
function splitDetection(value: string): [string, string, string] {
  const first = value.indexOf('|');
  const last = value.lastIndexOf('|');
  return [value.slice(0, first), value.slice(first + 1, last), value.slice(last + 1)];
}
