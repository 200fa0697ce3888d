// Defect 1: after the region a client has cached splits (or moves), the client
// re-reads hbase:meta and keeps working for both halves.

import { expect } from 'chai';
import { cellValue, type HBaseStore } from '../../common/hbase';
import { cleanUp, createTestStore, randomTable, testAdmin } from '../helpers/hbase-fixture';

const key = (i: number): Buffer => Buffer.from([i]);

describe('HBase region split and move', function () {
  const table = randomTable('split');
  let store: HBaseStore;

  before(async () => {
    await (await testAdmin()).createTable(table, [{ name: 'd', versions: 1 }]);
    store = createTestStore();
    await store.puts(
      table,
      Array.from({ length: 250 }, (_, i) => ({
        row: key(i),
        cells: [{ family: 'd', qualifier: 'v', value: Buffer.from(`a${i}`), timestamp: 10 }],
      })),
    );
  });

  after(() => cleanUp(store, [table]));

  it('reads and writes both daughters after a split of the cached region', async () => {
    expect(cellValue(await store.get(table, key(200)), 'd', 'v')?.toString()).to.equal('a200');
    const admin = await testAdmin();
    await admin.flush(table);
    await admin.split(table, key(100));
    expect(await admin.regions(table)).to.have.length(2);

    expect(cellValue(await store.get(table, key(200)), 'd', 'v')?.toString()).to.equal('a200');
    expect(cellValue(await store.get(table, key(20)), 'd', 'v')?.toString()).to.equal('a20');
    await store.put(table, { row: key(150), cells: [{ family: 'd', qualifier: 'v', value: Buffer.from('b150'), timestamp: 20 }] });
    const rows = await store.mget(table, [key(5), key(150), key(249)]);
    expect(rows.map((row) => cellValue(row, 'd', 'v')?.toString())).to.deep.equal(['a5', 'b150', 'a249']);
    expect(await store.scanAll(table)).to.have.length(250);
  });

  it('keeps working after the region moves (closed and reopened)', async () => {
    const admin = await testAdmin();
    const region = (await admin.regions(table)).find((r) => r.startKey.equals(key(100)));
    expect(region).to.not.equal(undefined);
    await admin.move(table, region!.encodedName);
    for (const i of [101, 200, 249]) {
      expect(cellValue(await store.get(table, key(i)), 'd', 'v')?.toString()).to.equal(`a${i}`);
    }
    await store.puts(
      table,
      [key(1), key(120), key(200)].map((row) => ({
        row,
        cells: [{ family: 'd', qualifier: 'w', value: Buffer.from('x'), timestamp: 30 }],
      })),
    );
    expect(await store.scanAll(table, { reversed: true })).to.have.length(250);
  });
});
