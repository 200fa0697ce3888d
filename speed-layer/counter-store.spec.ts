// CounterStore against the in-memory HBase (test/helpers/recorded-hbase.ts),
// whose multi-gets are recorded: what it reads, once per row, and what its cache spares.

import { expect } from 'chai';
import { encodePartitionCount, FAMILIES, NO_OFFSET, type PartitionCount } from '../common/contract';
import { RecordedHBase } from '../test/helpers/recorded-hbase';
import { counterAddress, type CounterAddress } from './counter-cell';
import { CounterStore } from './counter-store';
import type { SpeedTables } from './speed-tables';

const tables: SpeedTables = { detections: 'd', liveCounts: 'lc', rollups: 'ru', recent: 'r', reference: 'ref', meta: 'm' };

/** A stored partition count of `address`, as an earlier owner left it. */
function putCount(hbase: RecordedHBase, table: string, address: CounterAddress, value: PartitionCount): Promise<void> {
  return hbase.put(table, {
    row: address.row,
    cells: [{ family: FAMILIES.liveCounts, qualifier: address.qualifier, value: encodePartitionCount(value), timestamp: 1 }],
  });
}

const minute = (row: string): CounterAddress => counterAddress('liveCounts', Buffer.from(row), 'p0', 0);
const hour = (row: string): CounterAddress => counterAddress('rollups', Buffer.from(row), 'p0', 0);

describe('CounterStore', () => {
  it('reads the cells of several tables in one go, each row once, and reuses them in updates', async () => {
    const fake = new RecordedHBase();
    await putCount(fake, 'lc', minute('a'), { count: 5n, lastOffset: 9n });
    const store = new CounterStore(fake, tables, 100);
    const known = await store.read([minute('a'), minute('a'), hour('a'), minute('b')]);
    expect(fake.reads.map((r) => r.table).sort()).to.deep.equal(['lc', 'ru']);
    expect(fake.reads.find((r) => r.table === 'lc')?.rows).to.deep.equal(['a', 'b']);
    const updates = await store.updates(
      [
        { address: minute('a'), offsets: [9n, 10n] },
        { address: hour('a'), offsets: [10n] },
      ],
      known,
    );
    expect(fake.reads).to.have.length(2); // nothing read again
    expect(updates.map((u) => u.value)).to.deep.equal([
      { count: 6n, lastOffset: 10n },
      { count: 1n, lastOffset: 10n },
    ]);
  });

  it("asks HBase for its own partition's cell of each row, not the row's other partitions", async () => {
    const fake = new RecordedHBase();
    await putCount(fake, 'lc', minute('a'), { count: 5n, lastOffset: 9n });
    const otherPartition = counterAddress('liveCounts', Buffer.from('a'), 'p1', 0);
    await putCount(fake, 'lc', otherPartition, { count: 40n, lastOffset: 70n });
    const store = new CounterStore(fake, tables, 100);
    const known = await store.read([minute('a'), minute('b'), otherPartition]);
    expect(fake.qualifiers.map((q) => q?.join()).sort()).to.deep.equal(['p0', 'p1']);
    expect(fake.reads.map((r) => r.rows.join()).sort()).to.deep.equal(['a', 'a,b']);
    expect(known.get(minute('a'))).to.deep.equal({ count: 5n, lastOffset: 9n });
    expect(known.get(otherPartition)).to.deep.equal({ count: 40n, lastOffset: 70n });
    expect(known.get(minute('b'))).to.deep.equal({ count: 0n, lastOffset: NO_OFFSET });
  });

  it("takes read()'s answer for the chunk, then its cache, and reads what neither has", async () => {
    const fake = new RecordedHBase();
    const store = new CounterStore(fake, tables, 100);
    store.commit([
      { address: minute('a'), value: { count: 7n, lastOffset: 20n } },
      { address: minute('c'), value: { count: 2n, lastOffset: 30n } },
    ]);
    const known = await store.read([minute('a')]);
    expect(known.get(minute('a')), 'a cached cell is answered by read()').to.deep.equal({ count: 7n, lastOffset: 20n });
    await putCount(fake, 'ru', hour('x'), { count: 2n, lastOffset: 3n });
    const updates = await store.updates(
      [
        { address: minute('a'), offsets: [21n] },
        { address: minute('c'), offsets: [31n] },
        { address: hour('x'), offsets: [4n] },
      ],
      known,
    );
    expect(updates.map((u) => u.value)).to.deep.equal([
      { count: 8n, lastOffset: 21n },
      { count: 3n, lastOffset: 31n },
      { count: 3n, lastOffset: 4n },
    ]);
    expect(fake.reads).to.deep.equal([{ table: 'ru', rows: ['x'] }]);
  });

  it('puts one mutation per row per table: cells sharing a row go together, in update order', () => {
    const store = new CounterStore(new RecordedHBase(), tables, 100);
    const quality = Buffer.from('quality');
    const accepted = counterAddress('meta', quality, 'accepted:p0', 0);
    const late = counterAddress('meta', quality, 'late:p0', 0);
    const value = (count: bigint): PartitionCount => ({ count, lastOffset: count });
    const puts = store.mutations([
      { address: accepted, value: value(3n) },
      { address: minute('a'), value: value(1n) },
      { address: minute('b'), value: value(2n) },
      { address: late, value: value(4n) },
      { address: hour('a'), value: value(5n) },
    ]);
    const shape = [...puts].map(([table, rows]) => [
      table,
      rows.map((r) => `${r.row.toString()}:${r.cells.map((c) => c.qualifier).join('+')}`),
    ]);
    expect(shape).to.deep.equal([
      ['m', ['quality:accepted:p0+late:p0']],
      ['lc', ['a:p0', 'b:p0']],
      ['ru', ['a:p0']],
    ]);
    const cell = puts.get('m')?.[0]?.cells[1];
    expect(cell?.value.toString('hex')).to.equal('00000000000000040000000000000004');
    expect(cell?.family).to.equal(FAMILIES.meta);
  });

  it('answers the cells it has cached from memory when reading ahead', async () => {
    const fake = new RecordedHBase();
    const store = new CounterStore(fake, tables, 100);
    const cached = { count: 1n, lastOffset: NO_OFFSET + 1n };
    store.commit([{ address: minute('a'), value: cached }]);
    expect([...(await store.read([minute('a')])).values()]).to.deep.equal([cached]);
    expect(fake.reads).to.deep.equal([]);
    expect(store.tally, 'neither read nor known empty').to.deep.equal({ read: 0, knownEmpty: 0, forgottenResets: 0 });
  });
});
