// The lambda merge against the real stack: a range spanning a compacted day
// (batch view) and today (speed view) gives the truth; after the watermark
// moves over today, the same queries give the same numbers from the batch view.

import { expect } from 'chai';
import { eventDay } from '../../common/contract';
import type { CountsBody, TopItemsBody } from '../helpers/api-bodies';
import { createServingFixture, type ServingFixture } from './serving-fixture';
import { generateEvents, truthBuckets, truthTop, type Generated } from './truth';

const H = 3_600_000;
const D = 24 * H;
const LOCATIONS = new Map<bigint, string>([
  [9_007_199_254_740_995n, 'Harbour Gate'],
  [42n, 'Main Square'],
  [7n, 'North Station'],
]);
const ITEMS = ['car', 'bus', 'bicycle', 'pedestrian', 'truck', 'Zebra crossing', 'éclair stand', '🚗 emoji car'];

describe('serving: lambda merge over batch and speed views', function () {
  this.timeout(5 * 60_000);
  let fx: ServingFixture;
  let gen: { yesterday: Generated; today: Generated };
  const now = Date.now();
  const todayStart = Math.floor(now / D) * D;
  const yesterdayStart = todayStart - D;
  const yesterday = eventDay(yesterdayStart);
  const today = eventDay(todayStart);
  const all = () => [...gen.yesterday.distinct, ...gen.today.distinct];

  before(async () => {
    fx = await createServingFixture();
    gen = {
      yesterday: generateEvents(900, yesterdayStart, todayStart, LOCATIONS, ITEMS),
      today: generateEvents(700, todayStart, Math.max(todayStart + 1, now - 1000), LOCATIONS, ITEMS),
    };
    // The speed layer saw both days, and drifted on the closed one (a count the batch corrects).
    const drift = { ...gen.yesterday.distinct[0]!, detectionOid: 1n, offset: 99n };
    await fx.seeder.speedCounts([...gen.yesterday.distinct, drift, ...gen.today.distinct]);
    await fx.seeder.batchCounts(gen.yesterday.distinct);
    await fx.seeder.watermark(yesterday);
    await fx.seeder.batchLastRun({ day: yesterday, status: 'succeeded', durations: { totalMs: 1234 } });
    await fx.seeder.reference('20261122T000000Z', LOCATIONS);
  });

  after(async () => fx?.close());

  const range = () => `from=${yesterday}&to=${new Date(now).toISOString()}`;

  async function expectCountsTruth(location: bigint | undefined, item: string | undefined, expectSources: string[]) {
    const path = `/api/v1/counts?${range()}&granularity=hour${location === undefined ? '' : `&location=${location}`}${item === undefined ? '' : `&item=${encodeURIComponent(item)}`}`;
    const body = await fx.json<CountsBody>(path);
    const toMs = Math.ceil(now / H) * H;
    const truth = truthBuckets(all(), { location, item, fromMs: yesterdayStart, toMs }, H);
    const series = body.series[0]!;
    expect(
      series.points.map((p) => Number(p.count)),
      path,
    ).to.deep.equal(truth);
    expect(series.total).to.equal(String(truth.reduce((a, b) => a + b, 0)));
    expect(body.sources.map((s) => s.source)).to.deep.equal(expectSources);
    return body;
  }

  async function expectTopTruth(location: bigint | undefined) {
    const body = await fx.json<TopItemsBody>(
      `/api/v1/top-items?${range()}&limit=5${location === undefined ? '' : `&location=${location}`}`,
    );
    const toMs = Math.ceil(now / H) * H;
    expect(body.items.map((i) => ({ item_rank: i.item_rank, item_name: i.item_name, item_count: i.item_count }))).to.deep.equal(
      truthTop(all(), { location, fromMs: yesterdayStart, toMs }, 5),
    );
    return body;
  }

  it('counts by hour, day, location and item equal the truth across the watermark', async () => {
    const body = await expectCountsTruth(undefined, undefined, ['batch', 'speed']);
    expect(body.watermark).to.equal(yesterday);
    expect(body.sources[0]).to.deep.include({
      source: 'batch',
      from: new Date(yesterdayStart).toISOString(),
      to: new Date(todayStart).toISOString(),
      resolution: 'hour',
    });
    expect(body.sources[1]).to.deep.include({ source: 'speed', from: new Date(todayStart).toISOString(), resolution: 'minute' });
    for (const oid of LOCATIONS.keys()) await expectCountsTruth(oid, undefined, ['batch', 'speed']);
    await expectCountsTruth(42n, 'bus', ['batch', 'speed']);
    await expectCountsTruth(undefined, '🚗 emoji car', ['batch', 'speed']);

    const days = await fx.json<CountsBody>(`/api/v1/counts?${range()}&granularity=day&location=${[...LOCATIONS.keys()].join(',')}`);
    for (const [index, oid] of [...LOCATIONS.keys()].entries()) {
      const truth = truthBuckets(all(), { location: oid, fromMs: yesterdayStart, toMs: todayStart + D }, D);
      expect(days.series[index]!.location).to.equal(oid.toString());
      expect(days.series[index]!.points.map((p) => [Number(p.count), p.source])).to.deep.equal([
        [truth[0], 'batch'],
        [truth[1], 'speed'],
      ]);
    }
    expect(days.series[0]!.location_name).to.equal('Harbour Gate');
  });

  it('minute counts of today come from the speed view; minute granularity over a batch day is refused', async () => {
    const from = Math.max(todayStart, Math.floor(now / 60_000) * 60_000 - 90 * 60_000);
    const body = await fx.json<CountsBody>(`/api/v1/counts?from=${from}&to=${now}&granularity=minute&location=42`);
    const truth = truthBuckets(all(), { location: 42n, fromMs: from, toMs: Math.ceil(now / 60_000) * 60_000 }, 60_000);
    expect(body.series[0]!.points.map((p) => Number(p.count))).to.deep.equal(truth);
    const refused = await fx.get(`/api/v1/counts?${range()}&granularity=minute`);
    expect(refused.status).to.equal(400);
    expect(((await refused.json()) as { error: unknown }).error).to.deep.include({ parameter: 'granularity' });
  });

  it('top-X equals the truth (distinct oids, count desc, name asc, row_number) across the watermark', async () => {
    const body = await expectTopTruth(undefined);
    expect(body.sources.map((s) => s.source)).to.deep.equal(['batch', 'speed']);
    for (const oid of LOCATIONS.keys()) {
      const answer = await expectTopTruth(oid);
      expect(answer.items[0]!.geographical_location_oid).to.equal(oid.toString());
      expect(answer.items[0]!.geographical_location).to.equal(LOCATIONS.get(oid));
    }
  });

  it('after the watermark moves over today, the same queries give the same numbers from the batch view', async () => {
    const before = await fx.json<CountsBody>(`/api/v1/counts?${range()}&granularity=hour&location=42`);
    const beforeTop = await fx.json<TopItemsBody>(`/api/v1/top-items?${range()}&limit=5`);
    // A second server with the default caches, warmed before the move: it must not serve stale sources after it.
    const cachedServer = await fx.startAnother({ API_LIVE_CACHE_MS: '500', API_SETTLED_CACHE_MS: '60000' });
    const cachedCounts = async () =>
      (await (await fetch(`${cachedServer.url}/api/v1/counts?${range()}&granularity=hour&location=42`)).json()) as CountsBody;
    expect((await cachedCounts()).series[0]!.points.map((p) => p.count)).to.deep.equal(before.series[0]!.points.map((p) => p.count));
    // The batch run of today: its view, then the watermark, then the run report (as the batch layer orders them).
    await fx.seeder.batchCounts(gen.today.distinct);
    await fx.seeder.watermark(today);
    await fx.seeder.batchLastRun({ day: today, status: 'succeeded', durations: { totalMs: 999 } });
    const after = await expectCountsTruth(42n, undefined, ['batch']);
    expect(after.watermark).to.equal(today);
    expect(after.series[0]!.points.map((p) => p.count)).to.deep.equal(before.series[0]!.points.map((p) => p.count));
    expect(after.series[0]!.points.every((p) => p.source === 'batch')).to.equal(true);
    const afterTop = await expectTopTruth(undefined);
    expect(afterTop.items).to.deep.equal(beforeTop.items);
    expect(afterTop.sources.map((s) => s.source)).to.deep.equal(['batch']);
    await expectCountsTruth(undefined, 'car', ['batch']);
    const started = Date.now();
    let cached = await cachedCounts();
    while (cached.sources.length !== 1 && Date.now() - started < 3_000) {
      await new Promise((r) => setTimeout(r, 100));
      cached = await cachedCounts();
    }
    expect(cached.sources.map((s) => s.source)).to.deep.equal(['batch']);
    expect(cached.series[0]!.points.map((p) => p.count)).to.deep.equal(before.series[0]!.points.map((p) => p.count));
  });

  it('answers CSV on request', async () => {
    const res = await fx.get(`/api/v1/top-items?${range()}&limit=3&location=42&format=csv`);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).to.equal('geographical_location,item_rank,item_name,geographical_location_oid,item_count');
    expect(lines).to.have.length(4);
    const viaAccept = await fx.get(`/api/v1/counts?${range()}&granularity=day`, { Accept: 'text/csv' });
    expect((await viaAccept.text()).split('\r\n')[0]).to.equal('location,location_name,item,bucket_start,count,source');
  });
});
