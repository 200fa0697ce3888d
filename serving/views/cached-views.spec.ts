import { expect } from 'chai';
import type { CountScope } from '../../common/contract';
import { CachedBatchViews } from './cached-batch-views';
import { CachedSpeedViews, chunksOf } from './cached-speed-views';
import type { CountRow, CountViews } from './count-views';

const H = 3_600_000;

class FakeViews implements CountViews {
  reads: string[] = [];
  value = 1n;
  async batchRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    this.reads.push(`batch ${scope} ${location} ${fromMs}-${toMs}`);
    return [
      { bucketMs: fromMs, itemName: '', count: this.value },
      { bucketMs: fromMs + H, itemName: '', count: this.value },
    ];
  }
  async speedRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    this.reads.push(`speed ${scope} ${location} ${fromMs}-${toMs}`);
    return [
      { bucketMs: fromMs, itemName: '', count: this.value },
      { bucketMs: fromMs + 30 * 60_000, itemName: '', count: this.value },
    ];
  }
  async speedItemRows(): Promise<CountRow[]> {
    return [];
  }
  async speedSums(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    this.reads.push(`sums ${scope} ${location} ${fromMs}-${toMs}`);
    return [{ bucketMs: fromMs, itemName: '', count: this.value }];
  }
}

describe('view caches', () => {
  it('reads closed days once per batch generation', async () => {
    const fake = new FakeViews();
    const cached = new CachedBatchViews(fake);
    cached.useGeneration('a');
    await cached.batchRows('total', 1n, 0, 2 * 24 * H);
    await cached.batchRows('total', 1n, H, 24 * H);
    expect(fake.reads).to.have.length(2);
    cached.useGeneration('b');
    fake.value = 5n;
    const rows = await cached.batchRows('total', 1n, 0, H);
    expect(rows.map((r) => r.count)).to.deep.equal([5n]);
    expect(fake.reads).to.have.length(3);
  });

  it('reads settled hours whole, the current hour in 5-minute pieces, and filters to the range', () => {
    const now = 10 * H + 10 * 60_000;
    expect(chunksOf(8 * H + 40 * 60_000, now, now)).to.deep.equal([
      [8 * H, 9 * H],
      [9 * H, 10 * H],
      [10 * H, 10 * H + 300_000],
      [10 * H + 300_000, 10 * H + 600_000],
    ]);
  });

  it('re-reads live chunks after liveMs, serves settled ones stale while one background read refreshes them', async () => {
    let now = 10 * H + 10 * 60_000;
    const fake = new FakeViews();
    const cached = new CachedSpeedViews(fake, { liveMs: 500, settledMs: 30_000, now: () => now });
    const first = await cached.speedRows('total', 1n, 8 * H + 40 * 60_000, now);
    expect(first.map((r) => r.bucketMs)).to.deep.equal([9 * H, 9 * H + 30 * 60_000, 10 * H, 10 * H + 300_000]);
    expect(fake.reads).to.have.length(4);
    now += 1_000;
    await cached.speedRows('total', 1n, 8 * H + 40 * 60_000, 10 * H + 10 * 60_000);
    expect(fake.reads.slice(4)).to.deep.equal([`speed total 1 ${10 * H + 300_000}-${10 * H + 600_000}`]);
    now += 31_000;
    fake.value = 7n;
    const stale = await cached.speedRows('total', 1n, 9 * H, 10 * H);
    expect(stale.map((r) => r.count)).to.deep.equal([1n, 1n]);
    await new Promise((r) => setImmediate(r));
    const fresh = await cached.speedRows('total', 1n, 9 * H, 10 * H);
    expect(fresh.map((r) => r.count)).to.deep.equal([7n, 7n]);
  });

  it('reads hour and day buckets and sums from the roll-ups whole, not in minute chunks', async () => {
    const now = 10 * H + 10 * 60_000;
    const fake = new FakeViews();
    const cached = new CachedSpeedViews(fake, { liveMs: 500, settledMs: 30_000, now: () => now });
    await cached.speedRows('total', 1n, 0, 11 * H, 'hour');
    expect(fake.reads).to.deep.equal([`speed total 1 0-${11 * H}`]);
    // Today until 10:10: the day roll-up minus the future rest of the day, each read once, straight.
    fake.reads = [];
    await cached.speedSums('item', 1n, 0, now);
    expect(fake.reads.sort()).to.deep.equal(
      [`speed item 1 0-${24 * H}`, `speed item 1 ${11 * H}-${24 * H}`, `speed item 1 ${now}-${11 * H}`].sort(),
    );
    // 09:30..10:10: minutes, read through the chunks (the settled hour 09:00-10:00 whole, the current one in pieces) and reused.
    fake.reads = [];
    await cached.speedSums('item', 1n, 9 * H + 30 * 60_000, now);
    expect(fake.reads).to.deep.equal([
      `speed item 1 ${9 * H}-${10 * H}`,
      `speed item 1 ${10 * H}-${10 * H + 300_000}`,
      `speed item 1 ${10 * H + 300_000}-${10 * H + 600_000}`,
    ]);
    await cached.speedSums('item', 1n, 9 * H + 30 * 60_000, now);
    expect(fake.reads, 'served from the chunk cache within liveMs').to.have.length(3);
  });
});
