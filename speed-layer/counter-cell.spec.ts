import { expect } from 'chai';
import { applyContribution } from './counter-cell';

describe('applyContribution', () => {
  it('adds the offsets above the cell and moves its last offset', () => {
    expect(applyContribution({ count: 0n, lastOffset: -1n }, [0n, 4n, 9n])).to.deep.equal({ count: 3n, lastOffset: 9n });
    expect(applyContribution({ count: 5n, lastOffset: 4n }, [3n, 4n, 7n])).to.deep.equal({ count: 6n, lastOffset: 7n });
  });

  it('counts nothing twice on a replay', () => {
    expect(applyContribution({ count: 3n, lastOffset: 9n }, [0n, 4n, 9n])).to.equal(undefined);
  });
});
