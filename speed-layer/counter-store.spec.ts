import { expect } from 'chai';
import { encodePartitionCount, NO_OFFSET, type PartitionCount } from '../common/contract';
import type { HBaseStore, ReadOptions, Row } from '../common/hbase';
import { counterAddress, type CounterAddress } from './counter-cell';
import { CounterStore } from './counter-store';
import type { SpeedTables } from './speed-tables';

const tables: SpeedTables = { detections: 'd', liveCounts: 'lc', rollups: 'ru', recent: 'r', reference: 'ref', meta: 'm' };

/** Counter cells by table and row; records every multi-get. */
class FakeStore {
  readonly cells = new Map<string, PartitionCount>();
  readonly reads: { table: string; rows: string[] }[] = [];

  put(table: string, address: CounterAddress, value: PartitionCount): void {
    this.cells.set(`${table}|${address.row.toString('latin1')}|${address.qualifier}`, value);
  }

  async mget(table: string, rows: readonly Buffer[], _options: ReadOptions): Promise<(Row | null)[]> {
    this.reads.push({ table, rows: rows.map((r) => r.toString('latin1')) });
    return rows.map((row) => {
      const cells = [...this.cells]
        .filter(([id]) => id.startsWith(`${table}|${row.toString('latin1')}|`))
        .map(([id, value]) => ({ family: 'c', qualifier: id.split('|')[2] as string, value: encodePartitionCount(value), timestamp: 1 }));
      return cells.length > 0 ? { key: row, cells } : null;
    });
  }
}

const minute = (row: string): CounterAddress => counterAddress('liveCounts', Buffer.from(row), 'p0', 0);
const hour = (row: string): CounterAddress => counterAddress('rollups', Buffer.from(row), 'p0', 0);

describe('CounterStore', () => {
  it('reads the cells of several tables in one go, each row once, and reuses them in updates', async () => {
    const fake = new FakeStore();
    fake.put('lc', minute('a'), { count: 5n, lastOffset: 9n });
    const store = new CounterStore(fake as unknown as HBaseStore, tables, 100);
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

  it('prefers its cache to an earlier read, and reads what neither has', async () => {
    const fake = new FakeStore();
    const store = new CounterStore(fake as unknown as HBaseStore, tables, 100);
    store.commit([{ address: minute('a'), value: { count: 7n, lastOffset: 20n } }]);
    const stale = new Map([[minute('a').id, { count: 1n, lastOffset: 1n }]]);
    fake.put('ru', hour('x'), { count: 2n, lastOffset: 3n });
    const updates = await store.updates(
      [
        { address: minute('a'), offsets: [21n] },
        { address: hour('x'), offsets: [4n] },
      ],
      stale,
    );
    expect(updates.map((u) => u.value)).to.deep.equal([
      { count: 8n, lastOffset: 21n },
      { count: 3n, lastOffset: 4n },
    ]);
    expect(fake.reads).to.deep.equal([{ table: 'ru', rows: ['x'] }]);
  });

  it('skips the cells it has cached when reading ahead', async () => {
    const fake = new FakeStore();
    const store = new CounterStore(fake as unknown as HBaseStore, tables, 100);
    store.commit([{ address: minute('a'), value: { count: 1n, lastOffset: NO_OFFSET + 1n } }]);
    expect((await store.read([minute('a')])).size).to.equal(0);
    expect(fake.reads).to.deep.equal([]);
  });
});
