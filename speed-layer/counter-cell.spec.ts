import { expect } from 'chai';
import { applyContribution, cellKey, counterAddress, counterId } from './counter-cell';

describe('applyContribution', () => {
  it('adds the offsets above the cell and moves its last offset', () => {
    expect(applyContribution({ count: 0n, lastOffset: -1n }, [0n, 4n, 9n])).to.deep.equal({ count: 3n, lastOffset: 9n });
    expect(applyContribution({ count: 5n, lastOffset: 4n }, [3n, 4n, 7n])).to.deep.equal({ count: 6n, lastOffset: 7n });
  });

  it('counts nothing twice on a replay', () => {
    expect(applyContribution({ count: 3n, lastOffset: 9n }, [0n, 4n, 9n])).to.equal(undefined);
  });
});

describe('cellKey', () => {
  it('is a small non-negative integer, and cells one byte, table or qualifier apart get keys of their own', () => {
    const row = Buffer.from('minute|0000000000000042|1733220000000|😀 水');
    const keys = new Set<number>();
    const variants = [
      counterAddress('liveCounts', row, 'p0', 0),
      counterAddress('rollups', row, 'p0', 0),
      counterAddress('liveCounts', row, 'p1', 0),
    ];
    for (let i = 0; i < row.length; i++) {
      const other = Buffer.from(row);
      other[i] = (other[i] as number) ^ 1;
      variants.push(counterAddress('liveCounts', other, 'p0', 0));
    }
    for (const address of variants) {
      expect(address.key).to.equal(cellKey(address.table, address.row, address.qualifier));
      expect(Number.isInteger(address.key) && address.key >= 0 && address.key < 2 ** 30).to.equal(true);
      keys.add(address.key);
    }
    expect(keys.size).to.equal(variants.length);
  });
});

describe('counterId', () => {
  it('is the table code, the row one character per byte, a bar and the qualifier, for any row and qualifier', () => {
    const rows = [Buffer.alloc(0), Buffer.from([0, 255, 0x7c, 128]), Buffer.from('minute|😀 東京|'), Buffer.alloc(300, 0xab)];
    for (const row of rows) {
      for (const qualifier of ['p0', 'accepted:p11', 'é', '東', '']) {
        expect(counterId({ table: 'rollups', row, qualifier })).to.equal(`r${row.toString('latin1')}|${qualifier}`);
      }
    }
  });
});
