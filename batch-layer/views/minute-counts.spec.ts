import { expect } from 'chai';
import { MinuteCounts } from './minute-counts';

describe('minute counts (live-count truth in typed arrays)', () => {
  it('counts rows per row key and partition and keeps the highest offset, whatever the order', () => {
    const counts = new MinuteCounts();
    counts.add('a', 0, 7n);
    counts.add('a', 0, 3n);
    counts.add('a', 5, 1n);
    counts.add('b', 0, 9n);
    const a = counts.slotOf('a') as number;
    expect(counts.figure(a, 0)).to.deep.equal({ count: 2, lastOffset: 7n });
    expect(counts.figure(a, 5)).to.deep.equal({ count: 1, lastOffset: 1n });
    expect(counts.figure(counts.slotOf('b') as number, 5), 'no row of partition 5 under b').to.equal(undefined);
    expect(counts.figure(a, 11), 'a partition never seen').to.equal(undefined);
    expect(counts.slotOf('c')).to.equal(undefined);
  });

  it('keeps offset 0 when it is the only one, and offsets beyond 2^53 exactly', () => {
    const counts = new MinuteCounts();
    counts.add('k', 2, 0n);
    counts.add('big', 2, 2n ** 62n + 1n);
    counts.add('big', 2, 2n ** 62n);
    expect(counts.figure(counts.slotOf('k') as number, 2)).to.deep.equal({ count: 1, lastOffset: 0n });
    expect(counts.figure(counts.slotOf('big') as number, 2)).to.deep.equal({ count: 2, lastOffset: 2n ** 62n + 1n });
  });

  it('grows past its first capacity without losing cells, also for partitions first seen after growing', () => {
    const counts = new MinuteCounts();
    const expected = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const key = `row-${i % 3000}`;
      const partition = i < 4000 ? i % 3 : 7;
      counts.add(key, partition, BigInt(i));
      expected.set(`${key}/${partition}`, (expected.get(`${key}/${partition}`) ?? 0) + 1);
    }
    expect(counts.size).to.equal(3000);
    const cells = [...counts.cells()];
    expect(new Map(cells.map((c) => [`${c.key}/${c.partition}`, c.figure.count]))).to.deep.equal(expected);
    expect(counts.partitions().sort()).to.deep.equal([0, 1, 2, 7]);
    for (const cell of cells) expect(counts.figure(cell.slot, cell.partition)).to.deep.equal(cell.figure);
  });
});
