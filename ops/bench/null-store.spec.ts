import { expect } from 'chai';
import { NullStore } from './null-store';

describe('NullStore (bench:speed-plan)', () => {
  const row = Buffer.from('r');
  const cell = { family: 'f', qualifier: 'q', value: Buffer.from('v'), timestamp: 1 };

  it('finds no row and counts the rows asked for, by table', async () => {
    const store = new NullStore();
    expect(await store.mget('a', [row, row, row])).to.deep.equal([null, null, null]);
    expect(await store.get('b', row)).to.equal(null);
    expect(await store.scanAll('a')).to.deep.equal([]);
    expect([store.rowsReadOf('a'), store.rowsReadOf('b'), store.rowsReadOf('c')]).to.deep.equal([3, 1, 0]);
    store.reset();
    expect(store.rowsReadOf('a')).to.equal(0);
  });

  it('accepts every write and counts its rows and cells, keeping none', async () => {
    const store = new NullStore();
    await store.puts('a', [
      { row, cells: [cell, cell] },
      { row, cells: [cell] },
    ]);
    await store.put('a', { row, cells: [cell] });
    expect([store.rowsWritten, store.cellsWritten]).to.deep.equal([3, 4]);
    expect(await store.get('a', row)).to.equal(null);
  });

  it('holds a check only when it expects the cell absent, as on an empty table', async () => {
    const store = new NullStore();
    expect(await store.checkAndPut('a', { family: 'f', qualifier: 'q', value: null }, { row, cells: [cell] })).to.equal(true);
    expect(await store.checkAndPut('a', { family: 'f', qualifier: 'q', value: Buffer.alloc(0) }, { row, cells: [cell] })).to.equal(true);
    expect(await store.checkAndPut('a', { family: 'f', qualifier: 'q', value: Buffer.from('x') }, { row, cells: [cell] })).to.equal(false);
    expect(store.cellsWritten).to.equal(2);
  });
});
