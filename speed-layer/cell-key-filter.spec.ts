import { expect } from 'chai';
import { CellIdFilter } from './cell-id-filter';

const id = (i: number) => `c${i.toString(36)}|p${i % 12}`;

describe('CellIdFilter', () => {
  it('holds every id added, answers "maybe" for about 1 % of the others, and forgets all on clear', () => {
    const filter = new CellIdFilter(20_000);
    expect(filter.mightHold(id(1)), 'empty').to.equal(false);
    for (let i = 0; i < 20_000; i++) filter.add(id(i));
    for (let i = 0; i < 20_000; i++) if (!filter.mightHold(id(i))) expect.fail(`lost ${id(i)}`);
    let maybes = 0;
    for (let i = 20_000; i < 120_000; i++) if (filter.mightHold(id(i))) maybes++;
    expect(maybes / 100_000, 'false maybes at capacity').to.be.below(0.02);
    expect(filter.isFull()).to.equal(true);
    filter.clear();
    expect(filter.size).to.equal(0);
    expect(filter.mightHold(id(5))).to.equal(false);
  });

  it('tells apart ids that differ in one character anywhere, emoji and CJK included', () => {
    const filter = new CellIdFilter(1000);
    filter.add('c\u0000\u0001item-😀-東京|p3');
    expect(filter.mightHold('c\u0000\u0001item-😀-東京|p3')).to.equal(true);
    expect(
      ['c\u0000\u0001item-😀-東京|p4', 'c\u0000\u0002item-😀-東京|p3', 'c\u0000\u0001item-😁-東京|p3'].some((x) => filter.mightHold(x)),
    ).to.equal(false);
  });
});
