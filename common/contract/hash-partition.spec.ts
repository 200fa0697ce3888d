import { expect } from 'chai';
import { ValidationError } from '../errors';
import { bucketOf } from './hash-partition';
import { saltOf } from './row-key';

describe('bucketOf', () => {
  it('is deterministic and within range', () => {
    for (const oid of [1n, 9007199254740993n, 2n ** 63n - 1n]) {
      const bucket = bucketOf(oid, 64);
      expect(bucket).to.be.within(0, 63);
      expect(bucketOf(BigInt(oid.toString()), 64)).to.equal(bucket);
    }
    expect(bucketOf(123n, 1)).to.equal(0);
  });

  it('spreads sequential oids evenly', () => {
    const counts = new Array<number>(16).fill(0);
    for (let oid = 1n; oid <= 16_000n; oid++) counts[bucketOf(oid, 16)]! += 1;
    expect(Math.min(...counts)).to.be.greaterThan(850);
    expect(Math.max(...counts)).to.be.lessThan(1150);
  });

  it('is independent of the row-key salt', () => {
    // Every (salt % 8, bucket) pair should occur about equally often.
    const cells = new Array<number>(64).fill(0);
    for (let oid = 1n; oid <= 64_000n; oid++) cells[(saltOf(oid) % 8) * 8 + bucketOf(oid, 8)]! += 1;
    expect(Math.min(...cells)).to.be.greaterThan(800);
    expect(Math.max(...cells)).to.be.lessThan(1200);
  });

  it('refuses bucket counts below 1 or non-integers', () => {
    for (const bad of [0, -1, 1.5, NaN]) expect(() => bucketOf(1n, bad)).to.throw(ValidationError);
  });
});
