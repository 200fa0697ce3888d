import { expect } from 'chai';
import { ApiError } from '../errors';
import { mergeCounts, planRange, rankTopItems, sumItemCounts, sumPoints } from '.';

const H = 3_600_000;
const D = 24 * H;
const day0 = Date.parse('2026-11-20T00:00:00Z');
const limits = { maxRangeDays: 31, maxBuckets: 10_000 };

describe('lambda merge', () => {
  it('serves days at or before the watermark from the batch view and later time from the speed view', () => {
    const plan = planRange(day0 + 5 * H, day0 + D + 3 * H, 'hour', '2026-11-20', limits);
    expect(plan.parts).to.deep.equal([
      { source: 'batch', fromMs: day0 + 5 * H, toMs: day0 + D, resolution: 'hour' },
      { source: 'speed', fromMs: day0 + D, toMs: day0 + D + 3 * H, resolution: 'minute' },
    ]);
  });

  it('uses only the speed view before the first batch run, only the batch view for closed days', () => {
    expect(planRange(day0, day0 + H, 'minute', null, limits).parts.map((p) => p.source)).to.deep.equal(['speed']);
    expect(planRange(day0, day0 + D, 'day', '2026-11-21', limits).parts.map((p) => p.source)).to.deep.equal(['batch']);
  });

  it('widens the range to whole buckets', () => {
    const plan = planRange(day0 + 90_000, day0 + H + 1, 'hour', null, limits);
    expect([plan.fromMs, plan.toMs]).to.deep.equal([day0, day0 + 2 * H]);
  });

  it('refuses minute granularity over a batch day, inverted and over-long ranges, naming the parameter', () => {
    const fails = (run: () => unknown, parameter: string) => {
      try {
        run();
      } catch (error) {
        expect(error).to.be.instanceOf(ApiError);
        expect((error as ApiError).status).to.equal(400);
        expect((error as ApiError).parameter).to.equal(parameter);
        return;
      }
      expect.fail('no error');
    };
    fails(() => planRange(day0, day0 + H, 'minute', '2026-11-20', limits), 'granularity');
    fails(() => planRange(day0 + H, day0, 'hour', null, limits), 'to');
    fails(() => planRange(day0, day0 + 40 * D, 'day', null, limits), 'to');
    fails(() => planRange(day0, day0 + 30 * D, 'minute', null, limits), 'granularity');
  });

  it('lets the batch view win for a closed day even where the speed view has other counts', () => {
    const plan = planRange(day0, day0 + 2 * D, 'day', '2026-11-20', limits);
    const batch = new Map([
      [day0, 10n],
      [day0 + H, 5n],
    ]);
    const speed = new Map([
      [day0 + 60_000, 99n],
      [day0 + D + 60_000, 7n],
      [day0 + D + 2 * H, 3n],
    ]);
    const points = mergeCounts(plan, batch, speed);
    expect(points.map((p) => [p.count, p.source])).to.deep.equal([
      [15n, 'batch'],
      [10n, 'speed'],
    ]);
    expect(sumPoints(points)).to.equal(25n);
  });

  it('fills empty buckets with zero and rolls minutes up to hours', () => {
    const plan = planRange(day0, day0 + 3 * H, 'hour', null, limits);
    const points = mergeCounts(
      plan,
      new Map(),
      new Map([
        [day0 + 60_000, 2n],
        [day0 + 120_000, 3n],
        [day0 + 2 * H, 1n],
      ]),
    );
    expect(points.map((p) => p.count)).to.deep.equal([5n, 0n, 1n]);
  });

  it('ranks top items by count desc, ties by item name (UTF-8 order), row_number ranks', () => {
    const counts = sumItemCounts(
      new Map([
        ['car', 3n],
        ['bus', 3n],
        ['zebra', 1n],
      ]),
      new Map([
        ['bike', 2n],
        ['bus', 0n],
        ['\u{1F697}', 1n],
        ['\uFFFD', 1n],
      ]),
    );
    expect(rankTopItems(counts, 10).map((r) => [r.rank, r.itemName, r.count])).to.deep.equal([
      [1, 'bus', 3n],
      [2, 'car', 3n],
      [3, 'bike', 2n],
      [4, 'zebra', 1n],
      [5, '\uFFFD', 1n],
      [6, '\u{1F697}', 1n],
    ]);
    expect(rankTopItems(counts, 2)).to.have.length(2);
  });
});
