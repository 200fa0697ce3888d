// Defect 4: Multi results (mget) come back in input order, across regions.

import { expect } from 'chai';
import { cellValue, type HBaseStore } from '../../common/hbase';
import { byteSplits, cleanUp, createTestStore, randomTable, shuffle, spreadKey, testAdmin } from '../helpers/hbase-fixture';

describe('HBase multi actions', function () {
  const table = randomTable('multi');
  let store: HBaseStore;

  before(async () => {
    await (await testAdmin()).createTable(table, [{ name: 'd', versions: 1 }], byteSplits(8));
    store = createTestStore();
  });

  after(() => cleanUp(store, [table]));

  it('puts a shuffled batch and reads it back in input order, missing rows as null', async () => {
    const ids = shuffle(Array.from({ length: 600 }, (_, i) => i));
    await store.puts(
      table,
      ids.map((i) => ({
        row: spreadKey(i),
        cells: [{ family: 'd', qualifier: 'v', value: Buffer.from(`value-${i}`), timestamp: 5_000 + i }],
      })),
    );
    const asked = shuffle([...ids.slice(0, 400), 700, 701, 702]);
    const rows = await store.mget(table, asked.map(spreadKey));
    expect(rows).to.have.length(asked.length);
    asked.forEach((i, position) => {
      const row = rows[position];
      if (i >= 600) {
        expect(row, `row ${i} at ${position}`).to.equal(null);
      } else {
        expect(row?.key.equals(spreadKey(i)), `key at ${position}`).to.equal(true);
        expect(cellValue(row, 'd', 'v')?.toString()).to.equal(`value-${i}`);
        expect(row?.cells[0]?.timestamp).to.equal(5_000 + i);
      }
    });
  });
});
