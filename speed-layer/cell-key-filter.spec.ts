import { expect } from 'chai';
import { CellKeyFilter } from './cell-key-filter';
import { cellKey } from './counter-cell';

/** Keys as cellKey() makes them, of rows that differ in a few bytes. */
const key = (i: number) => cellKey('liveCounts', Buffer.from(`minute|${i.toString(36)}|item`), `p${i % 12}`);

describe('CellKeyFilter', () => {
  it('holds every cell added, answers "maybe" for about 1 % of the others, and forgets all on clear', () => {
    const filter = new CellKeyFilter(20_000);
    expect(filter.mightHold(key(1)), 'empty').to.equal(false);
    for (let i = 0; i < 20_000; i++) filter.add(key(i));
    for (let i = 0; i < 20_000; i++) if (!filter.mightHold(key(i))) expect.fail(`lost cell ${i}`);
    let maybes = 0;
    for (let i = 20_000; i < 120_000; i++) if (filter.mightHold(key(i))) maybes++;
    expect(maybes / 100_000, 'false maybes at capacity').to.be.below(0.02);
    expect(filter.isFull()).to.equal(true);
    filter.clear();
    expect(filter.size).to.equal(0);
    expect(filter.mightHold(key(5))).to.equal(false);
  });

  it('tells apart keys one apart, and the keys of cells one byte apart (emoji and CJK included)', () => {
    const filter = new CellKeyFilter(1000);
    const row = Buffer.from('minute|\u0000\u0001item-😀-東京');
    const stored = cellKey('liveCounts', row, 'p3');
    filter.add(stored);
    expect(filter.mightHold(stored)).to.equal(true);
    const others = [stored + 1, stored - 1, cellKey('liveCounts', row, 'p4'), cellKey('rollups', row, 'p3')];
    for (let i = 0; i < row.length; i++) {
      const other = Buffer.from(row);
      other[i] = (other[i] as number) ^ 1;
      others.push(cellKey('liveCounts', other, 'p3'));
    }
    expect(others.filter((k) => filter.mightHold(k))).to.deep.equal([]);
  });
});
