import { expect } from 'chai';
import { compareText, topX } from './top-x';

describe('topX', () => {
  it('ranks by count desc, ties by item name asc, numbers 1..X without gaps', () => {
    const counts = new Map([
      ['pear', 3],
      ['apple', 3],
      ['fig', 5],
      ['kiwi', 1],
      ['date', 3],
    ]);
    expect(topX(7n, 'Square', counts, 4).map((t) => [t.rank, t.itemName, t.count])).to.deep.equal([
      [1, 'fig', 5],
      [2, 'apple', 3],
      [3, 'date', 3],
      [4, 'pear', 3],
    ]);
  });

  it('compares names by UTF-8 bytes like Spark and DuckDB', () => {
    expect(compareText('\uFF01', '\u{1F600}')).to.be.lessThan(0); // UTF-16 order would say the opposite
    expect(compareText('B', 'a')).to.be.lessThan(0);
  });
});
