import { expect } from 'chai';
import { BUCKET_MS } from '../../common/contract';
import { cost, planSpeedSum, type SpeedRead } from './speed-sum-plan';

const M = 60_000;
const H = 3_600_000;
const D = 86_400_000;
const day0 = Date.UTC(2026, 10, 22);

/** Each minute's weight in the sum a plan reads: must be 1 inside [from, to) and 0 outside. */
function coverage(reads: readonly SpeedRead[], fromMs: number, toMs: number): Map<number, bigint> {
  const weights = new Map<number, bigint>();
  for (const read of reads) {
    expect(read.fromMs % BUCKET_MS[read.granularity], 'read aligned to its buckets').to.equal(0);
    expect(read.toMs % BUCKET_MS[read.granularity]).to.equal(0);
    for (let m = read.fromMs; m < read.toMs; m += M) weights.set(m, (weights.get(m) ?? 0n) + read.sign);
  }
  for (let m = Math.min(fromMs, ...reads.map((r) => r.fromMs)); m < Math.max(toMs, ...reads.map((r) => r.toMs)); m += M) {
    expect(weights.get(m) ?? 0n, new Date(m).toISOString()).to.equal(m >= fromMs && m < toMs ? 1n : 0n);
  }
  return weights;
}

const grains = (reads: readonly SpeedRead[]): string[] => reads.map((r) => `${r.sign < 0n ? '-' : '+'}${r.granularity}`);

describe('speed sum plan (roll-up reads)', () => {
  it('reads today until now as the day row minus the rest of the day', () => {
    const now = day0 + 14 * H + 37 * M + 5_000;
    const to = day0 + 14 * H + 38 * M;
    const reads = planSpeedSum(day0, to, now);
    coverage(reads, day0, to);
    expect(grains(reads)).to.deep.equal(['+day', '-minute', '-hour']);
    expect(cost(reads, now)).to.be.below(20);
  });

  it('adds up hours and minutes where that reads less than the day', () => {
    const now = day0 + 2 * D;
    const from = day0 + 3 * H;
    const to = day0 + 5 * H + 10 * M;
    const reads = planSpeedSum(from, to, now);
    coverage(reads, from, to);
    expect(grains(reads)).to.deep.equal(['+hour', '+minute']);
  });

  it('covers every minute of any range exactly once: whole days, edges, ranges crossing midnight', () => {
    const now = day0 + 3 * D + 5 * H;
    const points = [
      0,
      7 * M,
      H,
      59 * M,
      13 * H + 21 * M,
      D - M,
      D,
      D + 90 * M,
      2 * D + 23 * H,
      3 * D,
      3 * D + 5 * H + 3 * M,
      4 * D + 11 * M,
    ].map((ms) => day0 + ms);
    for (const from of points) {
      for (const to of points) {
        if (to <= from) continue;
        coverage(planSpeedSum(from, to, now), from, to);
      }
    }
  });

  it('reads whole days from the day roll-ups only', () => {
    expect(planSpeedSum(day0, day0 + 3 * D, day0 + 4 * D)).to.deep.equal([
      { granularity: 'day', fromMs: day0, toMs: day0 + 3 * D, sign: 1n },
    ]);
    expect(planSpeedSum(day0, day0, day0)).to.deep.equal([]);
    expect(() => planSpeedSum(day0 + 1, day0 + D, day0)).to.throw(/minute-aligned/);
  });
});
