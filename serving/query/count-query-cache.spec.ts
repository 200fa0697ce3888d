// The answer caches of CountQuery: closed days are kept until the batch
// generation changes, answers touching today's speed view are refreshed
// after liveCacheMs and never served older than maxStaleMs.

import { expect } from 'chai';
import { DEFAULT_MAX_BUCKETS } from '../merge';
import { MemoryCountViews, MemoryMeta } from '../../test/helpers/fake-serving-deps';
import { CountQuery } from './count-query';

const DAY = 86_400_000;
const TODAY = Date.parse('2026-11-22T00:00:00Z');
const LIMITS = { maxRangeDays: 31, maxBuckets: DEFAULT_MAX_BUCKETS, maxRowKeys: 50_000 };

class CountingMeta extends MemoryMeta {
  reads = 0;
  override batchState(): ReturnType<MemoryMeta['batchState']> {
    this.reads++;
    return super.batchState();
  }
}

function world() {
  const clock = { now: TODAY + 12 * 3_600_000 };
  const views = new MemoryCountViews();
  const meta = new CountingMeta();
  meta.watermark = '2026-11-21';
  const query = new CountQuery(views, meta, LIMITS, 500, () => undefined, { maxStaleMs: 1000, now: () => clock.now });
  return { clock, views, meta, query };
}

const yesterday = { locations: [1n], itemName: null, fromMs: TODAY - DAY, toMs: TODAY, granularity: 'hour' as const };
const today = { locations: [1n], itemName: null, fromMs: TODAY, toMs: TODAY + 12 * 3_600_000, granularity: 'hour' as const };

describe('count query answer caches', () => {
  it('keeps a closed-day answer until the generation changes, however much time passes', async () => {
    const { clock, views, meta, query } = world();
    await query.counts(yesterday);
    const reads = views.reads;
    clock.now += 3_600_000;
    await query.counts(yesterday);
    expect(views.reads).to.equal(reads);
    meta.watermark = '2026-11-22'; // a batch run: new generation
    clock.now += 2_000;
    await query.counts(yesterday);
    expect(views.reads).to.be.greaterThan(reads);
  });

  it('answers 100 concurrent identical "today" requests with one read, and refreshes after liveCacheMs in the background', async () => {
    const { clock, views, meta, query } = world();
    const answers = await Promise.all(Array.from({ length: 100 }, () => query.counts(today)));
    const reads = views.reads;
    expect(reads).to.be.greaterThan(0);
    expect(new Set(answers).size).to.equal(1);
    expect(meta.reads).to.equal(1);
    clock.now += 400;
    await query.counts(today);
    expect(views.reads).to.equal(reads);
    clock.now += 200; // 600 ms: stale, served at once, one refresh started
    const stale = await Promise.all([query.counts(today), query.counts(today)]);
    expect(stale[0]).to.equal(answers[0]);
    await new Promise((r) => setTimeout(r, 20));
    expect(views.reads).to.equal(2 * reads);
    const refreshed = await query.counts(today);
    expect(refreshed).to.not.equal(answers[0]);
  });

  it('never serves a "today" answer more than maxStaleMs old', async () => {
    const { clock, views, query } = world();
    const first = await query.counts(today);
    const reads = views.reads;
    clock.now += 1_000; // at the bound, no refresh has run meanwhile
    const next = await query.counts(today);
    expect(next).to.not.equal(first);
    expect(views.reads).to.equal(2 * reads);
  });
});
