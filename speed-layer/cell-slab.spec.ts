import { expect } from 'chai';
import type { PartitionCount } from '../common/contract';
import type { CellRef } from './cell-map';
import { CellSlab } from './cell-slab';
import { cellKey } from './counter-cell';

const value = (count: bigint, lastOffset = count): PartitionCount => ({ count, lastOffset });
/** Cells that all share one key, as two cells may. */
const clash = (id: string): CellRef => ({ id, key: 1 });

describe('CellSlab', () => {
  it('keeps cells under one key apart by id: prefixes, lengths and overwrites', () => {
    const slab = new CellSlab(8);
    const ids = ['ab', 'abc', 'a', '', 'abd', 'b'];
    ids.forEach((id, i) => slab.trySet(clash(id), value(BigInt(i))));
    slab.trySet(clash('abc'), value(10n, 3n));
    expect(ids.map((id) => slab.get(clash(id)))).to.deep.equal([value(0n), value(10n, 3n), value(2n), value(3n), value(4n), value(5n)]);
    expect(slab.get(clash('abe'))).to.equal(undefined);
    expect(slab.get({ id: 'ab', key: 2 }), 'same id, other key: another cell').to.equal(undefined);
    expect([slab.get(clash('')), slab.get(clash('x'))]).to.deep.equal([value(3n), undefined]);
    expect(slab.size).to.equal(6);
  });

  it('holds int64 values exactly, at their edges', () => {
    const slab = new CellSlab(4);
    const edges = [value(2n ** 63n - 1n, -1n), value(0n, 2n ** 53n + 1n), value(-(2n ** 63n), 9007199254740993n)];
    edges.forEach((v, i) => slab.trySet(clash(`c${i}`), v));
    expect(edges.map((_, i) => slab.get(clash(`c${i}`)))).to.deep.equal(edges);
  });

  it('refuses a new cell beyond its capacity, takes overwrites, and starts empty after clear', () => {
    const slab = new CellSlab(2);
    expect([slab.trySet(clash('a'), value(1n)), slab.trySet(clash('b'), value(2n))]).to.deep.equal([true, true]);
    expect(slab.trySet(clash('c'), value(3n)), 'a new cell beyond the capacity').to.equal(false);
    expect(slab.get(clash('c'))).to.equal(undefined);
    expect(slab.trySet(clash('a'), value(4n)), 'an overwrite').to.equal(true);
    expect(slab.get(clash('a'))).to.deep.equal(value(4n));
    slab.clear();
    expect([slab.size, slab.get(clash('a')), slab.get(clash('b'))]).to.deep.equal([0, undefined, undefined]);
    slab.trySet(clash('c'), value(5n));
    slab.trySet(clash('a'), value(6n));
    expect([slab.get(clash('c')), slab.get(clash('a')), slab.get(clash('b'))]).to.deep.equal([value(5n), value(6n), undefined]);
  });

  it('keeps ids beyond latin1 apart from the latin1 ids their low bytes spell', () => {
    const slab = new CellSlab(4);
    slab.trySet(clash('pA'), value(1n)); // 'A' is 0x41, the low byte of 'Ł' (0x141)
    slab.trySet(clash('p\u0141'), value(2n));
    slab.trySet(clash('p😀'), value(3n));
    expect(['pA', 'p\u0141', 'p😀', 'p\u0142'].map((id) => slab.get(clash(id)))).to.deep.equal([
      value(1n),
      value(2n),
      value(3n),
      undefined,
    ]);
    slab.trySet(clash('p\u0141'), value(7n));
    expect([slab.get(clash('p\u0141')), slab.size]).to.deep.equal([value(7n), 3]);
    const keys: number[] = [];
    slab.forEachKey((key) => keys.push(key));
    expect(keys).to.deep.equal([1, 1, 1]);
  });

  it('grows its id bytes for long ids without losing the earlier ones', () => {
    const slab = new CellSlab(3);
    const ids = ['short', 'x'.repeat(5000), `${'y'.repeat(300)}|p0`];
    ids.forEach((id, i) => slab.trySet({ id, key: cellKey('rollups', Buffer.from(id, 'latin1'), 'p0') }, value(BigInt(i))));
    expect(ids.map((id) => slab.get({ id, key: cellKey('rollups', Buffer.from(id, 'latin1'), 'p0') }))).to.deep.equal([
      value(0n),
      value(1n),
      value(2n),
    ]);
  });

  it('probes past the end of its table back to the start', () => {
    const slab = new CellSlab(2); // 4 slots: a key of all ones starts at the last
    const top = (id: string): CellRef => ({ id, key: 0x3fffffff });
    slab.trySet(top('a'), value(1n));
    slab.trySet(top('b'), value(2n));
    expect([slab.get(top('a')), slab.get(top('b')), slab.get(top('c'))]).to.deep.equal([value(1n), value(2n), undefined]);
  });

  it('is reused after clear, wide ids and a grown arena included, with nothing of before', () => {
    const slab = new CellSlab(2);
    slab.trySet(clash('p\u0141'), value(1n));
    slab.trySet(clash('z'.repeat(500)), value(2n));
    slab.clear();
    expect([slab.size, slab.get(clash('p\u0141')), slab.get(clash('z'.repeat(500)))]).to.deep.equal([0, undefined, undefined]);
    slab.trySet(clash('y'.repeat(400)), value(3n));
    slab.trySet(clash('p\u0141'), value(4n));
    expect(slab.trySet(clash('x'), value(5n)), 'full again').to.equal(false);
    expect([slab.get(clash('y'.repeat(400))), slab.get(clash('p\u0141')), slab.get(clash('z'.repeat(500)))]).to.deep.equal([
      value(3n),
      value(4n),
      undefined,
    ]);
    const keys: number[] = [];
    slab.forEachKey((key) => keys.push(key));
    expect(keys).to.deep.equal([1, 1]);
  });

  it('answers as a Map by id does, over random cells crowded onto few keys', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const slab = new CellSlab(300);
    const truth = new Map<string, PartitionCount>();
    const cellOf = (id: string): CellRef => ({ id, key: id.length % 5 });
    for (let op = 0; op < 5000; op++) {
      const id = 'c'.repeat(random(4)) + String(random(400));
      if (random(3) === 0 || truth.size >= 300) {
        expect(slab.get(cellOf(id)), id).to.deep.equal(truth.get(id));
      } else if (truth.has(id) || truth.size < 300) {
        const v = value(BigInt(op), BigInt(random(1000)));
        slab.trySet(cellOf(id), v);
        truth.set(id, v);
      }
    }
    expect(slab.size).to.equal(truth.size);
    for (const [id, v] of truth) expect(slab.get(cellOf(id))).to.deep.equal(v);
    const keys: number[] = [];
    slab.forEachKey((key) => keys.push(key));
    expect(keys.sort()).to.deep.equal([...truth.keys()].map((id) => id.length % 5).sort());
  });
});
