import { expect } from 'chai';
import { countRowKey, type CountKey } from '../../common/contract';
import { MinuteCounts } from './minute-counts';

const MINUTE_MS = 60_000;
const key = (itemName: string, minute = 0, locationOid = 7n): CountKey => ({
  granularity: 'minute',
  scope: itemName === '' ? 'total' : 'item',
  locationOid,
  bucketStartMs: 29_000_000 * MINUTE_MS + minute * MINUTE_MS,
  itemName,
});

describe('minute counts (live-count truth in typed arrays)', () => {
  it('counts rows per cell and partition and keeps the highest offset, whatever the order', () => {
    const counts = new MinuteCounts();
    counts.addKey(key('a'), 0, 7n);
    counts.addKey(key('a'), 0, 3n);
    counts.addKey(key('a'), 5, 1n);
    counts.addKey(key('b'), 0, 9n);
    const a = counts.slotOfRow(countRowKey(key('a'))) as number;
    expect(counts.figure(a, 0)).to.deep.equal({ count: 2, lastOffset: 7n });
    expect(counts.figure(a, 5)).to.deep.equal({ count: 1, lastOffset: 1n });
    expect(counts.figure(counts.slotOfRow(countRowKey(key('b'))) as number, 5), 'no row of partition 5 under b').to.equal(undefined);
    expect(counts.figure(a, 11), 'a partition never seen').to.equal(undefined);
    expect(counts.slotOfRow(countRowKey(key('c')))).to.equal(undefined);
    expect(counts.slotOfRow(countRowKey(key('a', 1))), 'another minute').to.equal(undefined);
    expect(counts.slotOfRow(countRowKey(key('a', 0, 8n))), 'another location').to.equal(undefined);
    expect(counts.slotOfRow(countRowKey({ ...key('a'), granularity: 'hour' })), 'another granularity').to.equal(undefined);
    expect(counts.rowKey(a).equals(countRowKey(key('a')))).to.equal(true);
    expect(counts.rowsOf(a)).to.equal(3);
  });

  it('keeps offset 0 when it is the only one, and offsets beyond 2^53 exactly', () => {
    const counts = new MinuteCounts();
    counts.addKey(key('k'), 2, 0n);
    counts.addKey(key('big'), 2, 2n ** 62n + 1n);
    counts.addKey(key('big'), 2, 2n ** 62n);
    expect(counts.figure(counts.slotOfRow(countRowKey(key('k'))) as number, 2)).to.deep.equal({ count: 1, lastOffset: 0n });
    expect(counts.figure(counts.slotOfRow(countRowKey(key('big'))) as number, 2)).to.deep.equal({ count: 2, lastOffset: 2n ** 62n + 1n });
  });

  it('finds UTF-8 items and total cells by their row keys, and no key whose item bytes differ', () => {
    const counts = new MinuteCounts();
    counts.addKey(key('🚗 车'), 1, 4n);
    counts.addKey(key(''), 1, 4n);
    expect(counts.figure(counts.slotOfRow(countRowKey(key('🚗 车'))) as number, 1)).to.deep.equal({ count: 1, lastOffset: 4n });
    expect(counts.figure(counts.slotOfRow(countRowKey(key(''))) as number, 1)).to.deep.equal({ count: 1, lastOffset: 4n });
    const mangled = Buffer.concat([countRowKey(key('')).subarray(0, 13), Buffer.from([0xff])]);
    mangled[0] = countRowKey(key('x'))[0] as number;
    counts.addKey(key('\ufffd'), 1, 5n);
    expect(counts.slotOfRow(mangled), 'invalid UTF-8 is not U+FFFD').to.equal(undefined);
  });

  it("a scan's resolver finds the same slot as slotOfRow for every key it may meet, repeated or not", () => {
    const counts = new MinuteCounts();
    const items = ['a', '🚗 车', 'x'.repeat(5000), '\ufffd', ''];
    for (const [i, item] of items.entries()) for (const minute of [0, 1, 2]) counts.addKey(key(item, minute), i % 3, BigInt(i));
    counts.addKey({ ...key('a'), granularity: 'hour' }, 0, 1n);
    const invalidUtf8 = Buffer.concat([countRowKey(key('x')).subarray(0, 13), Buffer.from([0xff])]);
    const totalWithTail = Buffer.concat([countRowKey(key('')), Buffer.from('a')]);
    const candidates = [
      ...items.flatMap((item) => [0, 1, 3].map((minute) => countRowKey(key(item, minute)))),
      countRowKey(key('b')),
      countRowKey(key('a', 0, 8n)),
      countRowKey({ ...key('a'), granularity: 'hour' }),
      invalidUtf8,
      totalWithTail,
      Buffer.from([1, 2, 3]),
    ];
    for (const scope of ['item', 'total'] as const) {
      const resolve = counts.scanSlots(7n, scope, 'minute');
      // Twice over: the second pass is answered from the resolver's memory of the first.
      for (const row of [...candidates, ...candidates])
        expect(resolve(row), `${scope} ${row.toString('hex').slice(0, 40)}`).to.equal(counts.slotOfRow(row));
    }
    expect(counts.scanSlots(7n, 'item', 'minute')(invalidUtf8), 'invalid UTF-8 is not U+FFFD').to.equal(undefined);
    expect(counts.scanSlots(7n, 'item', 'minute')(countRowKey(key('🚗 车', 1)))).to.be.a('number');
  });

  it('grows past its first capacity without losing cells, also for partitions first seen after growing', () => {
    const counts = new MinuteCounts();
    const expected = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const row = key(`row-${i % 3000}`, i % 7);
      const partition = i < 4000 ? i % 3 : 7;
      counts.addKey(row, partition, BigInt(i));
      const id = `${countRowKey(row).toString('hex')}/${partition}`;
      expected.set(id, (expected.get(id) ?? 0) + 1);
    }
    expect(counts.size).to.equal(new Set([...expected.keys()].map((id) => id.split('/')[0])).size);
    const cells = [...counts.cells()];
    expect(new Map(cells.map((c) => [`${counts.rowKey(c.slot).toString('hex')}/${c.partition}`, c.figure.count]))).to.deep.equal(expected);
    expect(counts.partitions().sort()).to.deep.equal([0, 1, 2, 7]);
    for (const cell of cells) expect(counts.figure(cell.slot, cell.partition)).to.deep.equal(cell.figure);
  });
});
