import { expect } from 'chai';
import { CellMap, type CellRef } from './cell-map';

/** Cells that all share one key, as two cells may. */
const clash = (id: string): CellRef => ({ id, key: 1 });

describe('CellMap', () => {
  it('keeps every cell under a shared key apart by id: get, has, overwrite, size and values', () => {
    const map = new CellMap<number>();
    expect(map.get(clash('a'))).to.equal(undefined);
    for (const [i, id] of ['a', 'b', 'c'].entries()) map.set(clash(id), i);
    map.set({ id: 'd', key: 2 }, 9);
    map.set(clash('b'), 10); // in the middle of its chain
    expect(['a', 'b', 'c', 'x'].map((id) => map.get(clash(id)))).to.deep.equal([0, 10, 2, undefined]);
    expect(['a', 'x'].map((id) => map.has(clash(id)))).to.deep.equal([true, false]);
    expect(map.get({ id: 'd', key: 1 }), 'same id, other key: another cell').to.equal(undefined);
    expect(map.size).to.equal(4);
    expect([...map.values()].sort((x, y) => x - y)).to.deep.equal([0, 2, 9, 10]);
  });
});
