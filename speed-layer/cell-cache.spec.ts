import { expect } from 'chai';
import { CellCache } from './cell-cache';
import type { CellRef } from './cell-map';
import { cellKey } from './counter-cell';

const value = (n: number) => ({ count: BigInt(n), lastOffset: BigInt(n) });
/** Cells named `id`, keyed as the speed layer keys them (cellKey). */
const cell = (id: string): CellRef => ({ id, key: cellKey('liveCounts', Buffer.from(id), 'p0') });
/** Cells that all share one key, as two cells may. */
const clash = (id: string): CellRef => ({ id, key: 1 });

describe('CellCache', () => {
  it('keeps at most its budget, forgets the least recently written first, and answers the latest value', () => {
    const forgotten: number[] = [];
    const cache = new CellCache(4, (key) => forgotten.push(key));
    for (const id of ['a', 'b']) cache.set(cell(id), value(1));
    cache.set(cell('c'), value(1)); // young was full: a and b become old
    cache.set(cell('a'), value(2)); // rewritten: young again, its old value shadowed
    expect(cache.get(cell('a'))).to.deep.equal(value(2));
    expect(cache.get(cell('b'))).to.deep.equal(value(1));
    cache.set(cell('d'), value(1)); // b (written least recently) is forgotten
    expect(cache.get(cell('b'))).to.equal(undefined);
    expect(forgotten.sort(), 'the dropped generation, a (rewritten since) included').to.deep.equal([cell('a').key, cell('b').key].sort());
    expect(['a', 'c', 'd'].every((id) => cache.get(cell(id)) !== undefined)).to.equal(true);
    for (let i = 0; i < 100; i++) cache.set(cell(`x${i}`), value(i));
    expect(cache.size).to.be.at.most(4);
    expect(cache.get(cell('x99'))).to.deep.equal(value(99));
    const told = forgotten.length;
    cache.clear();
    expect(cache.size).to.equal(0);
    expect(forgotten.length, 'clear tells nothing').to.equal(told);
  });

  it('keeps cells that share a key apart, and forgets each of them with its generation', () => {
    const forgotten: number[] = [];
    const cache = new CellCache(4, (key) => forgotten.push(key));
    cache.set(clash('a'), value(1));
    cache.set(clash('b'), value(2));
    expect(cache.get(clash('c')), 'another cell under the key').to.equal(undefined);
    cache.set(clash('a'), value(3)); // young full, but a is in it: no new generation
    expect([cache.get(clash('a')), cache.get(clash('b'))]).to.deep.equal([value(3), value(2)]);
    cache.set(clash('c'), value(4)); // a and b become old
    cache.set(clash('a'), value(5));
    expect(['a', 'b', 'c'].map((id) => cache.get(clash(id)))).to.deep.equal([value(5), value(2), value(4)]);
    cache.set(cell('d'), value(6)); // young (c, a) full: it becomes old, the old a and b are forgotten
    expect(forgotten, 'the keys of a and b').to.deep.equal([1, 1]);
    expect(['a', 'b', 'c'].map((id) => cache.get(clash(id)))).to.deep.equal([value(5), undefined, value(4)]);
  });
});
