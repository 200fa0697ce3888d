// The speed view's hour and day roll-ups on the real stack: the speed layer
// (a child process) counts a stream with re-sent oids, is SIGKILLed mid-way
// and restarted, then replays the whole topic from the start; every roll-up
// cell must still equal the sum of its minute cells per Kafka partition, and
// the API, which now reads the roll-ups, must answer the truth.

import { expect } from 'chai';
import {
  ALL_LOCATIONS,
  bucketStart,
  countRowKey,
  decodeCountRowKey,
  decodeDetectionCells,
  decodePartitionCount,
  detectionTableName,
  encodeDetectionEvent,
  encodePartitionCount,
  eventDay,
  FAMILIES,
  liveCountsTableName,
  liveRollupsTableName,
  partitionQualifier,
  type DetectionEvent,
} from '../../common/contract';
import { reconcileRollups, type CellReconciliation } from '../../batch-layer/reconcile/reconcile-counts';
import { ViewAccumulator } from '../../batch-layer/views/view-accumulator';
import { createKafka, withKafkaAdmin } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { startServing, type RunningServer } from '../../serving';
import { parseJson, type CountsBody, type TopItemsBody } from '../helpers/api-bodies';
import { createSpeedEnv, SpeedProcess, waitForCaughtUp, type SpeedEnv } from './speed-env';

const H = 3_600_000;
const D = 24 * H;

/** Count descending, then the name by its UTF-8 bytes: the API's top-X order. */
function byCountThenName(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] !== a[1] ? b[1] - a[1] : Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0]));
}

describe('speed layer: hour and day roll-ups stay exactly-once and serve the API', function () {
  this.timeout(10 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess | undefined;
  let server: RunningServer | undefined;
  const now = Date.now();
  const fromMs = Math.floor(now / D) * D - D; // yesterday 00:00 UTC: the events span two days
  const items = ['car', 'bus', 'bicycle', '自転車 🚲', 'truck', 'éclair'];
  const events: DetectionEvent[] = [];

  before(async () => {
    env = await createSpeedEnv('speed-rollups', {
      KAFKA_PARTITIONS: '4',
      API_LIVE_CACHE_MS: '0',
      API_SETTLED_CACHE_MS: '0',
      API_RATE_LIMIT_PER_S: '100000',
      API_RATE_LIMIT_BURST: '100000',
      API_AUDIT_LOG: 'false',
      UTOPIA_LOG_LEVEL: 'warn',
    });
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 4000; i++) {
      events.push({
        geographicalLocationOid: BigInt(1 + Math.floor(next() * 4)),
        videoCameraOid: 7n,
        detectionOid: 10_000n + BigInt(i),
        itemName: items[Math.floor(next() ** 2 * items.length)] as string,
        timestampDetected: fromMs + Math.floor(next() * (now - 1000 - fromMs)),
      });
    }
    // A few camera clocks run ahead (accepted up to 24 h): later today, outside "until now", yet in today's day roll-up.
    const room = Math.min(3 * H, fromMs + 2 * D - now - 1000);
    for (let i = 0; i < 40 && room > 0; i++) {
      events.push({
        geographicalLocationOid: BigInt(1 + (i % 4)),
        videoCameraOid: 7n,
        detectionOid: 20_000n + BigInt(i),
        itemName: items[i % 3] as string,
        timestampDetected: now + 1 + Math.floor(next() * room),
      });
    }
  });

  after(async () => {
    await server?.close();
    await speed?.stop('SIGKILL');
    await env?.cleanUp();
  });

  async function produce(list: readonly DetectionEvent[]): Promise<void> {
    const producer = createKafka(env.config, { clientIdSuffix: 'test-rollups' }).producer();
    await producer.connect();
    try {
      for (let i = 0; i < list.length; i += 500) {
        await producer.send({
          topic: env.config.kafka.detectionsTopic,
          acks: -1,
          messages: list.slice(i, i + 500).map((e) => ({ key: e.detectionOid.toString(), value: encodeDetectionEvent(e) })),
        });
      }
    } finally {
      await producer.disconnect();
    }
  }

  it('keeps every roll-up cell equal to the sum of its minute cells per partition through a SIGKILL and a full replay', async () => {
    // 8 % of the oids are sent again later (an upstream retry): counted once.
    const resent = events.filter((_, i) => i % 12 === 5);
    await produce(events.slice(0, 2000));
    speed = new SpeedProcess(env.env, 'speed-rollups');
    speed.start();
    await sleep(3000);
    await produce([...events.slice(2000), ...resent]);
    await sleep(1500);
    expect(await speed.stop('SIGKILL'), 'killed mid-way').to.equal(-1);
    speed.start();
    await waitForCaughtUp(env.config, 180_000, () => speed?.running ?? false);
    const before = await readCells();
    await speed.stop('SIGTERM');

    // The whole topic again, from offset 0, with every cache cold: nothing may count twice.
    // Kafka refuses while the group still has members (the SIGKILLed one stays until its session times out).
    const resetBy = Date.now() + 120_000;
    for (;;) {
      const reset = await withKafkaAdmin(env.config, {}, (admin) =>
        admin.resetOffsets({ groupId: env.config.speed.groupId, topic: env.config.kafka.detectionsTopic, earliest: true }),
      ).then(
        () => true,
        (error: unknown) => {
          if (Date.now() > resetBy) throw error;
          return false;
        },
      );
      if (reset) break;
      await sleep(1000);
    }
    speed.start();
    await sleep(2000);
    await waitForCaughtUp(env.config, 180_000, () => speed?.running ?? false);
    const after = await readCells();
    expect(after.minutes.size).to.be.above(1000);
    expect(after.minutes).to.deep.equal(before.minutes);
    expect(after.rollups).to.deep.equal(before.rollups);

    // Roll the minute cells up per partition: the roll-ups must hold exactly that.
    const expected = new Map<string, string>();
    for (const [id, value] of after.minutes) {
      const [rowHex, qualifier] = id.split('/') as [string, string];
      const key = decodeCountRowKey(Buffer.from(rowHex, 'hex'));
      for (const granularity of ['hour', 'day'] as const) {
        const rolled = `${countRowKey({ ...key, granularity, bucketStartMs: bucketStart(key.bucketStartMs, granularity) }).toString('hex')}/${qualifier}`;
        const [count, last] = (expected.get(rolled) ?? '0|-1').split('|').map(BigInt) as [bigint, bigint];
        const [c, l] = value.split('|').map(BigInt) as [bigint, bigint];
        expected.set(rolled, `${count + c}|${l > last ? l : last}`);
      }
    }
    expect(after.rollups).to.deep.equal(expected);
  });

  it('answers counts and top-X from the roll-ups equal to the truth', async () => {
    server = await startServing(env.config, createLogger('test-rollups', 'warn'), { port: 0, jobEnv: env.env });
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${server!.url}${path}`);
      const body = await res.text();
      expect(res.status, `${path}: ${body}`).to.equal(200);
      return parseJson<T>(body);
    };
    const range = `from=${new Date(fromMs).toISOString()}&to=${new Date(now).toISOString()}`;
    for (const location of [1n, 2n, 3n, 4n, ALL_LOCATIONS]) {
      const mine = events.filter((e) => location === ALL_LOCATIONS || e.geographicalLocationOid === location);
      const label = location === ALL_LOCATIONS ? 'all' : location.toString();
      for (const [granularity, size] of [
        ['hour', H],
        ['day', D],
      ] as const) {
        const body = await get<CountsBody>(`/api/v1/counts?${range}&granularity=${granularity}&location=${label}`);
        const truth = new Map<number, number>();
        for (const e of mine)
          truth.set(bucketStart(e.timestampDetected, granularity), (truth.get(bucketStart(e.timestampDetected, granularity)) ?? 0) + 1);
        const points = body.series[0]!.points;
        const want = points.map((p) => [p.start, truth.get(Date.parse(p.start)) ?? 0] as const);
        expect(points.length).to.equal(Math.ceil((Math.ceil(now / size) * size - fromMs) / size));
        expect(
          points.map((p) => [p.start, Number(p.count)]),
          `${label} by ${granularity}`,
        ).to.deep.equal(want);
        expect(body.series[0]!.total).to.equal(String(want.reduce((n, [, c]) => n + c, 0)));
      }
      // Top-X until now: minute precision, so the clocks running ahead stay out.
      const untilNow = Math.ceil(now / 60_000) * 60_000;
      const itemCounts = new Map<string, number>();
      for (const e of mine) if (e.timestampDetected < untilNow) itemCounts.set(e.itemName, (itemCounts.get(e.itemName) ?? 0) + 1);
      const ranked = [...itemCounts].sort(byCountThenName).slice(0, 5);
      const top = await get<TopItemsBody>(`/api/v1/top-items?${range}&limit=5&location=${label}`);
      expect(
        top.items.map((i) => [i.item_name, Number(i.item_count)]),
        `top of ${label}`,
      ).to.deep.equal(ranked);
      // Today alone: the day roll-up minus the rest of the day.
      const todayStart = fromMs + D;
      const today = new Map<string, number>();
      for (const e of mine)
        if (e.timestampDetected >= todayStart && e.timestampDetected < untilNow) today.set(e.itemName, (today.get(e.itemName) ?? 0) + 1);
      const todayTop = await get<TopItemsBody>(
        `/api/v1/top-items?from=${new Date(todayStart).toISOString()}&to=${new Date(now).toISOString()}&limit=10&location=${label}`,
      );
      expect(todayTop.items.map((i) => [i.item_name, Number(i.item_count)])).to.deep.equal([...today].sort(byCountThenName));
    }
    const bus = await get<CountsBody>(`/api/v1/counts?${range}&granularity=hour&location=2&item=bus`);
    const hourEnd = Math.ceil(now / H) * H;
    expect(bus.series[0]!.total).to.equal(
      String(events.filter((e) => e.geographicalLocationOid === 2n && e.itemName === 'bus' && e.timestampDetected < hourEnd).length),
    );
  });

  it("the batch's reconciliation corrects drifted and ghost roll-up cells of a closed day, and then finds nothing", async () => {
    const ns = env.config.hbase.namespace;
    const day = eventDay(fromMs);
    // The truth as the batch computes it, from the rows' lineage (here read back from the detection rows).
    const byLocation = new Map<bigint, ViewAccumulator>();
    const all = new ViewAccumulator();
    for await (const row of env.store.scan(detectionTableName(ns), { caching: 2000 })) {
      const d = decodeDetectionCells(new Map(row.cells.map((c) => [c.qualifier, c.value])));
      if (eventDay(d.timestampDetected) !== day) continue;
      const warehouseRow = { ...d, partition: d.lineage.partition, offset: BigInt(d.lineage.offset), kafkaTimestamp: now };
      let acc = byLocation.get(d.geographicalLocationOid);
      if (!acc) byLocation.set(d.geographicalLocationOid, (acc = new ViewAccumulator()));
      acc.addRow(warehouseRow, true, false);
      all.addRow(warehouseRow, false, true);
    }
    const reconcile = async (): Promise<CellReconciliation> => {
      const out: CellReconciliation = { cellsChecked: 0, cellsCorrected: 0, corrections: [] };
      for (const [location, acc] of byLocation) await reconcileRollups(env.store, ns, [location], day, acc.rollup, out);
      await reconcileRollups(env.store, ns, [ALL_LOCATIONS], day, all.rollup, out);
      return out;
    };
    const clean = await reconcile();
    expect(clean.cellsChecked).to.be.above(100);
    expect(clean.cellsCorrected, JSON.stringify(clean.corrections.slice(0, 3))).to.equal(0);

    // Drift: one hour cell +5, one day cell +1, and a roll-up of an item that never was.
    const table = liveRollupsTableName(ns);
    const hourRow = countRowKey({ granularity: 'hour', scope: 'item', locationOid: 2n, bucketStartMs: fromMs + 5 * H, itemName: 'car' });
    const dayRow = countRowKey({ granularity: 'day', scope: 'total', locationOid: 3n, bucketStartMs: fromMs, itemName: '' });
    const ghostRow = countRowKey({ granularity: 'day', scope: 'item', locationOid: 1n, bucketStartMs: fromMs, itemName: 'ghost' });
    const hourBefore = await env.store.get(table, hourRow);
    const drifted = hourBefore!.cells[0]!;
    const right = decodePartitionCount(drifted.value);
    await env.store.put(table, {
      row: hourRow,
      cells: [
        {
          family: FAMILIES.liveCounts,
          qualifier: drifted.qualifier,
          value: encodePartitionCount({ ...right, count: right.count + 5n }),
          timestamp: fromMs + 5 * H + Number(right.count) + 5,
        },
      ],
    });
    const dayBefore = await env.store.get(table, dayRow);
    const dayCell = dayBefore!.cells[0]!;
    const dayRight = decodePartitionCount(dayCell.value);
    await env.store.put(table, {
      row: dayRow,
      cells: [
        {
          family: FAMILIES.liveCounts,
          qualifier: dayCell.qualifier,
          value: encodePartitionCount({ ...dayRight, count: dayRight.count + 1n }),
          timestamp: fromMs + Number(dayRight.count) + 1,
        },
      ],
    });
    await env.store.put(table, {
      row: ghostRow,
      cells: [
        {
          family: FAMILIES.liveCounts,
          qualifier: partitionQualifier(0),
          value: encodePartitionCount({ count: 3n, lastOffset: 1n }),
          timestamp: fromMs + 3,
        },
      ],
    });

    const fixed = await reconcile();
    expect(fixed.cellsCorrected).to.equal(3);
    expect(fixed.corrections.some((c) => c.granularity === 'hour' && c.itemName === 'car' && c.after === String(right.count))).to.equal(
      true,
    );
    expect(
      fixed.corrections.some((c) => c.granularity === 'day' && c.itemName === 'ghost' && c.before === '3' && c.after === '0'),
    ).to.equal(true);
    expect((await env.store.get(table, hourRow))!.cells.map((c) => decodePartitionCount(c.value).count)).to.deep.equal(
      hourBefore!.cells.map((c) => decodePartitionCount(c.value).count),
    );
    expect((await env.store.get(table, dayRow))!.cells.map((c) => decodePartitionCount(c.value).count)).to.deep.equal(
      dayBefore!.cells.map((c) => decodePartitionCount(c.value).count),
    );
    expect((await reconcile()).cellsCorrected).to.equal(0);
  });

  /** Every counter cell of both tables: "<row hex>/<qualifier>" -> "<count>|<last offset>". */
  async function readCells(): Promise<{ minutes: Map<string, string>; rollups: Map<string, string> }> {
    const ns = env.config.hbase.namespace;
    const read = async (table: string) => {
      const out = new Map<string, string>();
      for await (const row of env.store.scan(table, { caching: 2000 })) {
        for (const cell of row.cells) {
          const value = decodePartitionCount(cell.value);
          out.set(`${row.key.toString('hex')}/${cell.qualifier}`, `${value.count}|${value.lastOffset}`);
        }
      }
      return out;
    };
    return { minutes: await read(liveCountsTableName(ns)), rollups: await read(liveRollupsTableName(ns)) };
  }
});
