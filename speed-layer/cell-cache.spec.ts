import { expect } from 'chai';
import { CellCache } from './cell-cache';

const value = (n: number) => ({ count: BigInt(n), lastOffset: BigInt(n) });

describe('CellCache', () => {
  it('keeps at most its budget, forgets the least recently written first, and answers the latest value', () => {
    const forgotten: string[] = [];
    const cache = new CellCache(4, (id) => forgotten.push(id));
    for (const id of ['a', 'b']) cache.set(id, value(1));
    cache.set('c', value(1)); // young was full: a and b become old
    cache.set('a', value(2)); // rewritten: young again, its old value shadowed
    expect(cache.get('a')).to.deep.equal(value(2));
    expect(cache.get('b')).to.deep.equal(value(1));
    cache.set('d', value(1)); // b (written least recently) is forgotten
    expect(cache.has('b')).to.equal(false);
    expect(forgotten.sort(), 'the dropped generation, a (rewritten since) included').to.deep.equal(['a', 'b']);
    expect(['a', 'c', 'd'].every((id) => cache.has(id))).to.equal(true);
    for (let i = 0; i < 100; i++) cache.set(`x${i}`, value(i));
    expect(cache.size).to.be.at.most(4);
    expect(cache.get('x99')).to.deep.equal(value(99));
    const told = forgotten.length;
    cache.clear();
    expect(cache.size).to.equal(0);
    expect(forgotten.length, 'clear tells nothing').to.equal(told);
  });
});
