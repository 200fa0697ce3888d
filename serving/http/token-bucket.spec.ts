import { expect } from 'chai';
import { TokenBuckets } from './token-bucket';

describe('token buckets', () => {
  it('allows a burst, then refills at the rate, per caller', () => {
    const buckets = new TokenBuckets(2, 3);
    expect([1, 2, 3].map(() => buckets.take('a', 0).allowed)).to.deep.equal([true, true, true]);
    expect(buckets.take('a', 0)).to.deep.equal({ allowed: false, retryAfterS: 1 });
    expect(buckets.take('b', 0).allowed).to.equal(true);
    expect(buckets.take('a', 500).allowed).to.equal(true);
    expect(buckets.take('a', 500).allowed).to.equal(false);
  });
});
