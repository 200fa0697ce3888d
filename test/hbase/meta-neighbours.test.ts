// Defect 2: hbase:meta holds table-state rows and the regions of tables whose names
// share a prefix; caching a table's regions must skip them, not crash the process.

import { expect } from 'chai';
import { HBaseError } from '../../common/errors';
import { cellValue, type HBaseStore } from '../../common/hbase';
import { byteSplits, cleanUp, createTestStore, randomTable, testAdmin } from '../helpers/hbase-fixture';

describe('HBase tables sharing a name prefix', function () {
  const base = randomTable('pfx');
  const tables = [base, `${base}2`, `${base}_x`];
  let store: HBaseStore;

  before(async () => {
    const admin = await testAdmin();
    // Created longest name first, so a meta scan from `base` meets the others' rows.
    for (const table of [...tables].reverse()) await admin.createTable(table, [{ name: 'd', versions: 1 }], byteSplits(3));
    store = createTestStore();
  });

  after(() => cleanUp(store, tables));

  it('keeps the rows of each table apart', async () => {
    const row = Buffer.from([0xf0, 1]);
    for (const table of tables) {
      await store.put(table, { row, cells: [{ family: 'd', qualifier: 'v', value: Buffer.from(table), timestamp: 1 }] });
    }
    for (const table of [...tables].reverse()) {
      expect(cellValue(await store.get(table, row), 'd', 'v')?.toString()).to.equal(table);
      expect(await store.scanAll(table)).to.have.length(1);
    }
  });

  it('fails fast, not retriable, on a table that does not exist', async () => {
    const error = await store.get(`${base}_missing`, Buffer.from('r')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(HBaseError);
    expect((error as HBaseError).retriable).to.equal(false);
    expect((error as HBaseError).message).to.contain('TableNotFoundException');
  });
});
